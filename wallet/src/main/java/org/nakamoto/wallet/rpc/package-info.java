/**
 * The wallet's only way to the node: a small JSON-RPC client with Basic authentication, Core's cookie
 * file included, and Core's error codes.
 *
 * <p>Threads: {@link org.nakamoto.wallet.rpc.NodeRpcClient} is thread-safe; {@code RpcCredentials} is
 * immutable.
 */
package org.nakamoto.wallet.rpc;
