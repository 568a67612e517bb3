package org.nakamoto.chain.script;

/**
 * The nesting of OP_IF branches, kept as a size and the position of the first false entry (Core's
 * {@code ConditionStack}): "are we executing?" and every IF/ELSE/ENDIF become O(1), so deep nesting cannot
 * make a script quadratic. Mutable; one per evaluation.
 */
final class ConditionStack {
    private static final int NO_FALSE = -1;

    private int size;
    private int firstFalse = NO_FALSE;

    boolean isEmpty() {
        return size == 0;
    }

    boolean allTrue() {
        return firstFalse == NO_FALSE;
    }

    void push(boolean value) {
        if (firstFalse == NO_FALSE && !value) {
            firstFalse = size;
        }
        size++;
    }

    void pop() {
        size--;
        if (firstFalse == size) {
            firstFalse = NO_FALSE;
        }
    }

    /** OP_ELSE: flips the innermost branch. */
    void toggleTop() {
        if (firstFalse == NO_FALSE) {
            firstFalse = size - 1;
        } else if (firstFalse == size - 1) {
            firstFalse = NO_FALSE;
        }
        // Otherwise an outer branch is false and stays so, whatever the innermost one says.
    }
}
