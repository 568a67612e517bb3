package org.nakamoto.chain.script;

/**
 * Rules layered on the original script semantics, under Bitcoin Core's {@code SCRIPT_VERIFY_*} names.
 * Some are soft forks that consensus applies from a block height on (P2SH, DERSIG, CHECKLOCKTIMEVERIFY,
 * CHECKSEQUENCEVERIFY, NULLDUMMY, WITNESS, TAPROOT); the rest are relay policy. Which apply is the
 * caller's choice, per evaluation: an empty set is the original rules (Bitcoin mainnet blocks below
 * BIP 16). Named sets (Core's mandatory and standard flags) live in {@link ScriptFlags}.
 *
 * <p>TAPROOT needs WITNESS (a v1 program is only looked at as a witness program); the three taproot
 * DISCOURAGE_ flags are policy and only matter under TAPROOT.
 */
public enum ScriptFlag {
    /** BIP 16 pay-to-script-hash: a scriptPubKey of OP_HASH160 [20 bytes] OP_EQUAL also runs the pushed script. */
    P2SH,
    /** Signatures must be strict DER with a defined hash type, keys compressed or uncompressed (policy). */
    STRICTENC,
    /** BIP 66: non-empty signatures must be strict DER. */
    DERSIG,
    /** BIP 62 rule 5: non-empty signatures must have s at most n/2 (policy; implies the DER check). */
    LOW_S,
    /** BIP 147: CHECKMULTISIG's extra "dummy" item must be empty. */
    NULLDUMMY,
    /** BIP 62 rule 2: the scriptSig must be push-only (policy). */
    SIGPUSHONLY,
    /** BIP 62 rules 3 and 4: pushes and numeric operands must use their shortest encoding (policy). */
    MINIMALDATA,
    /** OP_NOP1 and OP_NOP4..OP_NOP10 fail, to keep them free for soft-fork upgrades (policy). */
    DISCOURAGE_UPGRADABLE_NOPS,
    /** Exactly one item must remain on the stack after evaluation (policy; meant with P2SH, as Core asserts). */
    CLEANSTACK,
    /** BIP 65: OP_CHECKLOCKTIMEVERIFY (formerly OP_NOP2) compares its operand with the transaction's lock time. */
    CHECKLOCKTIMEVERIFY,
    /** BIP 112: OP_CHECKSEQUENCEVERIFY (formerly OP_NOP3) compares its operand with the input's relative lock time. */
    CHECKSEQUENCEVERIFY,
    /** The argument of OP_IF/OP_NOTIF must be empty or exactly 0x01; witness v0 scripts only, as in Core (policy). */
    MINIMALIF,
    /** A failed CHECKSIG or CHECKMULTISIG must have had only empty signatures (BIP 146, policy). */
    NULLFAIL,
    /** Legacy scripts may not contain OP_CODESEPARATOR, nor have a signature removed by FindAndDelete (policy). */
    CONST_SCRIPTCODE,

    /** BIP 141 segregated witness: witness programs are spent by their witness (v0: BIP 141/143). */
    WITNESS,
    /** Unknown witness versions fail instead of succeeding (policy). */
    DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM,
    /** Witness v0 keys must be compressed (policy). */
    WITNESS_PUBKEYTYPE,
    /** BIP 341/342: native witness v1 32-byte programs are taproot outputs, spent by key or by tapscript. */
    TAPROOT,
    /** Script-path spends of a leaf version other than tapscript's 0xc0 fail instead of succeeding (policy). */
    DISCOURAGE_UPGRADABLE_TAPROOT_VERSION,
    /** A tapscript containing an OP_SUCCESSx opcode fails instead of succeeding (policy). */
    DISCOURAGE_OP_SUCCESS,
    /** Tapscript signature checks with a public key neither empty nor 32 bytes fail (policy). */
    DISCOURAGE_UPGRADABLE_PUBKEYTYPE;

    // A flag set is an int with bit ordinal() set: the interpreter tests flags with one AND per check.
    final int bit = 1 << ordinal();
}
