/**
 * Consensus rules as small pure functions named after Bitcoin Core's: proof of work and retarget, header
 * rules in context ({@link org.nakamoto.chain.consensus.HeaderChainValidator}), context-free block and
 * transaction rules ({@link org.nakamoto.chain.consensus.BlockChecks},
 * {@link org.nakamoto.chain.consensus.TransactionChecks}), the input rules shared by block connection and
 * mempool admission ({@link org.nakamoto.chain.consensus.CheckTxInputs}), connecting a block to a UTXO view
 * ({@link org.nakamoto.chain.consensus.BlockConnector}), the soft forks' per-block pieces (the script flags of
 * {@link org.nakamoto.chain.consensus.BlockScriptFlags}, BIP68's
 * {@link org.nakamoto.chain.consensus.SequenceLocks}, BIP113's median time past), and the rejection reasons.
 *
 * <p>Threads: the rule classes are stateless (or hold only immutable parameters and a clock) and may be
 * called from any thread. {@link org.nakamoto.chain.consensus.ScriptInputVerifier} is thread-safe and may
 * fan a block's script checks out to an executor. The UTXO cache a caller passes in belongs to that caller.
 */
package org.nakamoto.chain.consensus;
