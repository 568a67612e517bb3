package org.nakamoto.chain.mempool;

/**
 * How one admission runs (the knobs of Bitcoin Core's ATMPArgs that nakamoto has).
 *
 * @param keepOrphan    keep a transaction with unknown parents in the orphanage (relay does; the RPC and
 *                      reorganisations refuse it)
 * @param verifyScripts run the input scripts; false only for transactions this pool already verified,
 *                      whose legacy and P2SH scripts cannot depend on the chain
 * @param announce      report the admission as a new transaction (not for one the pool held already)
 */
record AdmissionOptions(boolean keepOrphan, boolean verifyScripts, boolean announce) {
    /** A transaction relayed by a peer, or an orphan whose parent arrived. */
    public static final AdmissionOptions RELAY = new AdmissionOptions(true, true, true);
    /** A transaction from this node's user (sendrawtransaction): an orphan is an error, not kept. */
    public static final AdmissionOptions LOCAL = new AdmissionOptions(false, true, true);
    /** A transaction of a disconnected block, put back after a reorganisation. */
    public static final AdmissionOptions FROM_DISCONNECTED_BLOCK = new AdmissionOptions(false, true, true);
    /** A transaction that was in the pool before a reorganisation, re-checked against the new tip. */
    public static final AdmissionOptions READMIT = new AdmissionOptions(false, false, false);
}
