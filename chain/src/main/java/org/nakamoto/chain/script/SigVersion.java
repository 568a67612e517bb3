package org.nakamoto.chain.script;

/**
 * Which kind of script the interpreter runs (Core's {@code SigVersion}): a few rules differ between legacy
 * scripts and segwit v0 scripts (MINIMALIF, no FindAndDelete, OP_CODESEPARATOR allowed under
 * CONST_SCRIPTCODE, WITNESS_PUBKEYTYPE) and so does the signature hash (BIP 143). Public because a
 * {@link SignatureChecker} is told which one it checks for.
 */
public enum SigVersion {
    /** Legacy scripts: scriptSig, scriptPubKey and P2SH redeem scripts. */
    BASE,
    /** BIP 141 witness v0 scripts (P2WPKH's implied script and P2WSH witness scripts), signed with BIP 143. */
    WITNESS_V0
}
