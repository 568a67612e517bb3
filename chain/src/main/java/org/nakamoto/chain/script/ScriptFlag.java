package org.nakamoto.chain.script;

/**
 * Soft-fork rules layered on legacy script evaluation; which apply depends on the block height, so chain
 * parameters choose them. An empty set is the original rules (Bitcoin mainnet blocks below BIP 16).
 */
public enum ScriptFlag {
    /** BIP 16 pay-to-script-hash: a scriptPubKey of OP_HASH160 [20 bytes] OP_EQUAL also runs the pushed script. */
    P2SH
}
