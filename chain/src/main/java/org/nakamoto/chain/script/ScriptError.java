package org.nakamoto.chain.script;

/**
 * The outcome of running a script: {@link #OK} or why it failed. Constant names are Bitcoin Core's
 * {@code SCRIPT_ERR_*} codes; {@link #coreName()} is the name Core's test vectors use (the same but for
 * SIG_NULLFAIL, which they call "NULLFAIL"), so failures compare with Core's exactly. A result value,
 * never thrown out of the interpreter.
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

    // CHECKLOCKTIMEVERIFY and CHECKSEQUENCEVERIFY
    NEGATIVE_LOCKTIME("negative lock time"),
    UNSATISFIED_LOCKTIME("lock time requirement not satisfied"),

    // Malleability and policy flags
    SIG_HASHTYPE("signature hash type missing or not understood"),
    SIG_DER("non-canonical DER signature"),
    MINIMALDATA("data push or number not minimally encoded"),
    SIG_PUSHONLY("scriptSig is not push-only"),
    SIG_HIGH_S("signature s value is unnecessarily high"),
    SIG_NULLDUMMY("CHECKMULTISIG dummy argument is not empty"),
    PUBKEYTYPE("public key is neither compressed nor uncompressed"),
    CLEANSTACK("stack holds more than one item after evaluation"),
    MINIMALIF("OP_IF/OP_NOTIF argument is not minimal"),
    SIG_NULLFAIL("signature must be empty when a signature check fails"),

    // Kept for upgrades
    DISCOURAGE_UPGRADABLE_NOPS("NOPx reserved for soft-fork upgrades"),
    DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM("witness version reserved for soft-fork upgrades"),

    // Segregated witness (BIP 141)
    WITNESS_PROGRAM_WRONG_LENGTH("witness v0 program is neither 20 nor 32 bytes"),
    WITNESS_PROGRAM_WITNESS_EMPTY("witness program spent with an empty witness"),
    WITNESS_PROGRAM_MISMATCH("witness does not match the witness program"),
    WITNESS_MALLEATED("native witness program spent with a non-empty scriptSig"),
    WITNESS_MALLEATED_P2SH("P2SH witness program spent with more than its redeem script in the scriptSig"),
    WITNESS_UNEXPECTED("witness given for an output that is no witness program"),
    WITNESS_PUBKEYTYPE("uncompressed public key in a witness v0 script"),

    // Taproot (BIP 341) and tapscript (BIP 342)
    DISCOURAGE_UPGRADABLE_TAPROOT_VERSION("taproot leaf version reserved for soft-fork upgrades"),
    DISCOURAGE_OP_SUCCESS("OP_SUCCESSx in a tapscript, reserved for soft-fork upgrades"),
    DISCOURAGE_UPGRADABLE_PUBKEYTYPE("tapscript public key of a type reserved for soft-fork upgrades"),
    TAPROOT_WRONG_CONTROL_SIZE("control block is not 33 + 32k bytes, k at most 128"),
    TAPSCRIPT_VALIDATION_WEIGHT("more signature checks than the witness size pays for"),
    TAPSCRIPT_CHECKMULTISIG("OP_CHECKMULTISIG(VERIFY) in a tapscript"),
    TAPSCRIPT_MINIMALIF("tapscript OP_IF/OP_NOTIF argument is neither empty nor 0x01"),
    TAPSCRIPT_EMPTY_PUBKEY("empty public key in a tapscript signature check"),

    // Taproot signatures (BIP 340/341)
    SCHNORR_SIG_SIZE("Schnorr signature of neither 64 nor 65 bytes"),
    SCHNORR_SIG_HASHTYPE("invalid Schnorr signature hash type"),
    SCHNORR_SIG("invalid Schnorr signature"),

    // Constant script code
    OP_CODESEPARATOR("OP_CODESEPARATOR in a legacy script"),
    SIG_FINDANDDELETE("signature found in the script code"),

    /** A numeric operand longer than allowed or, under MINIMALDATA, not minimally encoded. */
    SCRIPTNUM("script number overflow or non-minimal encoding"),

    /** An unexpected internal failure, caught so a script can never bring the node down. */
    UNKNOWN_ERROR("unknown error");

    private final String message;

    ScriptError(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** The name in Core's script_tests.json expected-result column. */
    public String coreName() {
        return this == SIG_NULLFAIL ? "NULLFAIL" : name();
    }

    public boolean isOk() {
        return this == OK;
    }
}
