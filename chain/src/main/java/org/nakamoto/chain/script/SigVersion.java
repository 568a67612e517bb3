package org.nakamoto.chain.script;

/**
 * Which kind of script the interpreter runs (Core's {@code SigVersion}): a few rules differ between legacy
 * scripts and segwit v0 scripts. Only {@link #BASE} is reachable from outside this package until segwit
 * is built; {@link #WITNESS_V0} exists so the interpreter's witness-only rules (MINIMALIF, no FindAndDelete,
 * OP_CODESEPARATOR allowed under CONST_SCRIPTCODE) are written, and tested, in one place already.
 */
enum SigVersion {
    /** Legacy scripts: scriptSig, scriptPubKey and P2SH redeem scripts. */
    BASE,
    /** BIP 141 witness v0 scripts. Signature hashing for them (BIP 143) is not implemented yet. */
    WITNESS_V0
}
