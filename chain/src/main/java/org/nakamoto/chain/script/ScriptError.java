package org.nakamoto.chain.script;

/**
 * The outcome of running a script: {@link #OK} or why it failed. Names follow Bitcoin Core's
 * {@code SCRIPT_ERR_*} codes so failures can be compared with Core's test vectors. A result value, never
 * thrown out of the interpreter.
 */
public enum ScriptError {
    OK("no error"),
    EVAL_FALSE("script finished with a false or empty top stack element"),
    OP_RETURN("OP_RETURN was executed"),

    // Limits
    SCRIPT_SIZE("script is larger than 10,000 bytes"),
    PUSH_SIZE("push is larger than 520 bytes"),
    OP_COUNT("more than 201 non-push operations"),
    STACK_SIZE("stack and altstack hold more than 1,000 items"),
    SIG_COUNT("signature count negative or greater than the key count"),
    PUBKEY_COUNT("public key count negative or greater than 20"),

    // Failed VERIFY operations
    VERIFY("OP_VERIFY failed"),
    EQUALVERIFY("OP_EQUALVERIFY failed"),
    CHECKMULTISIGVERIFY("OP_CHECKMULTISIGVERIFY failed"),
    CHECKSIGVERIFY("OP_CHECKSIGVERIFY failed"),
    NUMEQUALVERIFY("OP_NUMEQUALVERIFY failed"),

    // Logical and format errors
    BAD_OPCODE("unknown opcode executed, or a push runs past the end of the script"),
    DISABLED_OPCODE("disabled opcode"),
    INVALID_STACK_OPERATION("operation needs more stack items than there are"),
    INVALID_ALTSTACK_OPERATION("operation needs more altstack items than there are"),
    UNBALANCED_CONDITIONAL("unbalanced OP_IF/OP_ELSE/OP_ENDIF"),
    NUMBER_OVERFLOW("numeric operand is longer than 4 bytes"),
    SIG_PUSHONLY("pay-to-script-hash scriptSig is not push-only"),

    /** An unexpected internal failure, caught so a script can never bring the node down. */
    UNKNOWN_ERROR("unknown error");

    private final String message;

    ScriptError(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    public boolean isOk() {
        return this == OK;
    }
}
