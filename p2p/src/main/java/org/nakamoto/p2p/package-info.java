/**
 * The peer-to-peer network on Vert.x TCP: connections and the handshake ({@link org.nakamoto.p2p.Peer}),
 * headers-first sync, block download, block and transaction relay, address gossip, misbehaviour and bans,
 * behind the one API the node uses, {@link org.nakamoto.p2p.P2pNetwork}.
 *
 * <p>Segwit (BIP144, BIP339): the node signals NODE_WITNESS, fetches blocks and transactions with their
 * witnesses from peers that signal it (and, as Core, no segwit-era blocks from peers that do not), serves
 * each getdata in the serialization its type asks for, never a stripped block for a witness request, and
 * negotiates wtxidrelay before verack, announcing and requesting by wtxid with peers that did. Peers that
 * sync with getblocks (bcoin) are served Core's hashContinue, so they get past the first 500 blocks.
 *
 * <p>Threads: all network state is confined to one Vert.x event-loop context, that of the verticle
 * {@code P2pNetwork} deploys; no field of the confined classes is guarded, because nothing else touches
 * them, and public methods hop onto the context. Chain state and the mempool are written only on the node's
 * chain thread, through {@link org.nakamoto.p2p.ChainGateway}, which delivers results back on the context.
 * Store reads and file writes run on Vert.x workers; nothing here blocks an event loop.
 * {@code P2pMetrics} holds atomics readable from any thread; {@code P2pConfig}, {@code PeerInfo},
 * {@code BanEntry} and {@code NetAddress} are immutable records.
 */
package org.nakamoto.p2p;
