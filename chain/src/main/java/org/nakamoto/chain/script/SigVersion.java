package org.nakamoto.chain.script;

/**
 * Which kind of script the interpreter runs (Core's {@code SigVersion}): rules differ between legacy
 * scripts, segwit v0 scripts (MINIMALIF, no FindAndDelete, OP_CODESEPARATOR allowed under
 * CONST_SCRIPTCODE, WITNESS_PUBKEYTYPE) and tapscript (BIP 342), and so does the signature hash (BIP 143
 * for v0, BIP 341 for both taproot kinds). Public because a {@link SignatureChecker} is told which one
 * it checks for.
 */
public enum SigVersion {
    /** Legacy scripts: scriptSig, scriptPubKey and P2SH redeem scripts. */
    BASE,
    /** BIP 141 witness v0 scripts (P2WPKH's implied script and P2WSH witness scripts), signed with BIP 143. */
    WITNESS_V0,
    /** BIP 341 key-path spends: no script runs, one Schnorr signature by the output key. */
    TAPROOT,
    /** BIP 342 scripts spent through a taproot script path with leaf version 0xc0. */
    TAPSCRIPT
}
