package org.nakamoto.chain.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The interpreter's main or alt stack. Items are byte arrays that are never modified once pushed, so
 * duplicating an item shares the array. Positions count from the top, 1-based ({@code peek(1)} is the top),
 * like Core's {@code stacktop(-1)}. Mutable and not thread-safe: one stack per evaluation.
 */
public final class ScriptStack {
    private final ArrayList<byte[]> items = new ArrayList<>();

    public ScriptStack() {
    }

    /** A stack holding copies of {@code bottomToTop}. */
    public static ScriptStack of(List<byte[]> bottomToTop) {
        ScriptStack s = new ScriptStack();
        bottomToTop.forEach(b -> s.push(b.clone()));
        return s;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Copies of the items, bottom first. */
    public List<byte[]> toList() {
        List<byte[]> out = new ArrayList<>(items.size());
        items.forEach(b -> out.add(b.clone()));
        return out;
    }

    /** The items themselves, bottom first, read-only: for checks that must not copy them. */
    List<byte[]> unsafeItems() {
        return Collections.unmodifiableList(items);
    }

    ScriptStack copy() {
        ScriptStack s = new ScriptStack();
        s.items.addAll(items);
        return s;
    }

    void push(byte[] item) {
        items.add(item);
    }

    /** The item {@code depth} places from the top (1 = top); fails the script when there is none. */
    byte[] peek(int depth) {
        if (depth < 1 || depth > items.size()) {
            throw new ScriptFailure(ScriptError.INVALID_STACK_OPERATION);
        }
        return items.get(items.size() - depth);
    }

    byte[] pop() {
        if (items.isEmpty()) {
            throw new ScriptFailure(ScriptError.INVALID_STACK_OPERATION);
        }
        return items.remove(items.size() - 1);
    }

    /** Removes and returns the item {@code depth} places from the top. */
    byte[] remove(int depth) {
        peek(depth);
        return items.remove(items.size() - depth);
    }

    /** Inserts so that the new item ends up {@code depth} places from the top. */
    void insert(int depth, byte[] item) {
        items.add(items.size() - depth + 1, item);
    }

    void swap(int depthA, int depthB) {
        int a = items.size() - depthA;
        int b = items.size() - depthB;
        byte[] t = items.get(a);
        items.set(a, items.get(b));
        items.set(b, t);
    }

    /** Fails the script unless at least {@code n} items are present. */
    void require(int n) {
        if (items.size() < n) {
            throw new ScriptFailure(ScriptError.INVALID_STACK_OPERATION);
        }
    }
}
