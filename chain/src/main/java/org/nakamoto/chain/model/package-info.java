/**
 * The data model: blocks, headers, transactions, inputs, outputs, scripts as bytes, hashes, amounts,
 * addresses, merkle roots and the compact target form of a header's bits. Serialization lives with each
 * type; hashes are computed once, at construction.
 *
 * <p>Threads: every type here is immutable (records, or final classes with defensive copies) and safe to
 * share between threads. The only mutable class is {@link org.nakamoto.chain.model.Transaction.Builder},
 * which is used by one thread and produces an immutable transaction.
 */
package org.nakamoto.chain.model;
