/**
 * The wire codec: one immutable record per message with its command, payload encoder, static decoder and
 * maximum payload; the framing ({@link org.nakamoto.p2p.wire.FrameDecoder}) checks the magic and the declared
 * length before buffering anything. Depends only on chain's data model and codec.
 *
 * <p>Threads: messages, {@code Frame}, {@code NetworkMagic} and {@link org.nakamoto.p2p.wire.MessageRegistry}
 * are immutable and shared freely. A {@code FrameDecoder} holds a connection's partial input and is used by
 * that connection's event loop only.
 */
package org.nakamoto.p2p.wire;
