/**
 * Prometheus metrics: the node's Micrometer meters and a loopback-only scrape endpoint.
 *
 * <p>Threads: gauges are read at scrape time on a Vert.x worker (some take the mempool's lock, which the
 * chain thread may hold); counters and the block timer are fed by a chain listener on the chain thread.
 * The HTTP event loop only writes the answer.
 */
package org.nakamoto.node.metrics;
