package org.nakamoto.chain.script;

/**
 * Bitcoin Core's text for each script error ({@code ScriptErrorString}), which Core puts inside its reject
 * reasons ("mempool-script-verify-flag-failed (Data push larger than necessary)"), so that RPC answers
 * read exactly as Core's. {@link ScriptError#message()} stays nakamoto's own wording for logs. Stateless.
 */
public final class ScriptErrorText {
    private ScriptErrorText() {
    }

    public static String of(ScriptError e) {
        return switch (e) {
            case OK -> "No error";
            case SCHNORR_SIG_SIZE -> "Invalid Schnorr signature size";
            case SCHNORR_SIG_HASHTYPE -> "Invalid Schnorr signature hash type";
            case SCHNORR_SIG -> "Invalid Schnorr signature";
            case EVAL_FALSE -> "Script evaluated without error but finished with a false/empty top stack element";
            case OP_RETURN -> "OP_RETURN was encountered";
            case SCRIPT_SIZE -> "Script is too big";
            case PUSH_SIZE -> "Push value size limit exceeded";
            case OP_COUNT -> "Operation limit exceeded";
            case STACK_SIZE -> "Stack size limit exceeded";
            case SIG_COUNT -> "Signature count negative or greater than pubkey count";
            case PUBKEY_COUNT -> "Pubkey count negative or limit exceeded";
            case VERIFY -> "Script failed an OP_VERIFY operation";
            case EQUALVERIFY -> "Script failed an OP_EQUALVERIFY operation";
            case CHECKMULTISIGVERIFY -> "Script failed an OP_CHECKMULTISIGVERIFY operation";
            case CHECKSIGVERIFY -> "Script failed an OP_CHECKSIGVERIFY operation";
            case NUMEQUALVERIFY -> "Script failed an OP_NUMEQUALVERIFY operation";
            case BAD_OPCODE -> "Opcode missing or not understood";
            case DISABLED_OPCODE -> "Attempted to use a disabled opcode";
            case INVALID_STACK_OPERATION -> "Operation not valid with the current stack size";
            case INVALID_ALTSTACK_OPERATION -> "Operation not valid with the current altstack size";
            case UNBALANCED_CONDITIONAL -> "Invalid OP_IF construction";
            case NEGATIVE_LOCKTIME -> "Negative locktime";
            case UNSATISFIED_LOCKTIME -> "Locktime requirement not satisfied";
            case SIG_HASHTYPE -> "Signature hash type missing or not understood";
            case SIG_DER -> "Non-canonical DER signature";
            case MINIMALDATA -> "Data push larger than necessary";
            case SIG_PUSHONLY -> "Only push operators allowed in signatures";
            case SIG_HIGH_S -> "Non-canonical signature: S value is unnecessarily high";
            case SIG_NULLDUMMY -> "Dummy CHECKMULTISIG argument must be zero";
            case PUBKEYTYPE -> "Public key is neither compressed or uncompressed";
            case CLEANSTACK -> "Stack size must be exactly one after execution";
            case MINIMALIF -> "OP_IF/NOTIF argument must be minimal";
            case SIG_NULLFAIL -> "Signature must be zero for failed CHECK(MULTI)SIG operation";
            case DISCOURAGE_UPGRADABLE_NOPS -> "NOPx reserved for soft-fork upgrades";
            case DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM -> "Witness version reserved for soft-fork upgrades";
            case WITNESS_PROGRAM_WRONG_LENGTH -> "Witness program has incorrect length";
            case WITNESS_PROGRAM_WITNESS_EMPTY -> "Witness program was passed an empty witness";
            case WITNESS_PROGRAM_MISMATCH -> "Witness program hash mismatch";
            case WITNESS_MALLEATED -> "Witness requires empty scriptSig";
            case WITNESS_MALLEATED_P2SH -> "Witness requires only-redeemscript scriptSig";
            case WITNESS_UNEXPECTED -> "Witness provided for non-witness script";
            case WITNESS_PUBKEYTYPE -> "Using non-compressed keys in segwit";
            case DISCOURAGE_UPGRADABLE_TAPROOT_VERSION -> "Taproot version reserved for soft-fork upgrades";
            case DISCOURAGE_OP_SUCCESS -> "OP_SUCCESSx reserved for soft-fork upgrades";
            case DISCOURAGE_UPGRADABLE_PUBKEYTYPE -> "Public key version reserved for soft-fork upgrades";
            case TAPROOT_WRONG_CONTROL_SIZE -> "Invalid Taproot control block size";
            case TAPSCRIPT_VALIDATION_WEIGHT -> "Too much signature validation relative to witness weight";
            case TAPSCRIPT_CHECKMULTISIG -> "OP_CHECKMULTISIG(VERIFY) is not available in tapscript";
            case TAPSCRIPT_MINIMALIF -> "OP_IF/NOTIF argument must be minimal in tapscript";
            case TAPSCRIPT_EMPTY_PUBKEY -> "Empty public key in tapscript";
            case OP_CODESEPARATOR -> "Using OP_CODESEPARATOR in non-witness script";
            case SIG_FINDANDDELETE -> "Signature is found in scriptCode";
            case SCRIPTNUM -> "Script number overflow";
            case UNKNOWN_ERROR -> "unknown error";
        };
    }
}
