/**
 * {@code nakamoto-cli}, the bitcoin-cli of nakamoto: one JSON-RPC 2.0 call, printed as bitcoin-cli
 * prints it. Main class {@link org.nakamoto.node.cli.NakamotoCli}. Arguments become JSON when they
 * parse as JSON and strings otherwise (bitcoin-cli converts per method from a table instead).
 *
 * <p>Threads: everything runs on the caller's thread (the process's main thread), waits included; nothing
 * here is shared or kept between calls.
 */
package org.nakamoto.node.cli;
