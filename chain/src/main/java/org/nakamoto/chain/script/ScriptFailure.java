package org.nakamoto.chain.script;

/**
 * Internal control flow: aborts evaluation with a {@link ScriptError}. Thrown and caught inside
 * {@link Interpreter} only; callers see the error value. No stack trace, because scripts fail often and
 * cheaply on purpose.
 */
final class ScriptFailure extends RuntimeException {
    final ScriptError error;

    ScriptFailure(ScriptError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }
}
