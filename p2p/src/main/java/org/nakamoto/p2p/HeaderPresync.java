package org.nakamoto.p2p;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.nakamoto.chain.consensus.ProofOfWork;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;

/**
 * One peer's header pre-sync (after Core's HeadersSyncState, written afresh): a header chain that forks
 * from ours below the anti-DoS work threshold is first downloaded and checked in memory without being
 * stored, keeping O(1) state plus one salted bit per {@value #COMMITMENT_PERIOD} headers. Once its
 * claimed work reaches the threshold, the same chain is downloaded again from the fork point and stored,
 * each batch only after its headers match the commitments, so a peer cannot show us one chain and then
 * feed us another. A chain that ends below the threshold is forgotten; one that runs past
 * {@link P2pConfig#maxPresyncHeaders()} headers without reaching it costs the peer.
 *
 * <p>What is checked in memory: continuity, proof of work against each header's own bits, and that bits
 * change only where the network allows (never without retargeting; at retarget boundaries by at most 4x
 * otherwise). Everything else is checked when the headers are stored.
 *
 * <p>Confined to the network context.
 */
final class HeaderPresync {
    static final int COMMITMENT_PERIOD = 8;

    /** What one batch did. */
    enum Step { CONTINUE, REACHED, INVALID, TOO_LONG }

    private final BlockNode fork;
    private final BigInteger threshold;
    private final NetworkParams params;
    private final int maxHeaders;
    private final byte[] salt = new byte[16];
    private final MessageDigest sha;
    private final BitSet commitments = new BitSet();

    private Hash256 last;
    private long lastBits;
    private BigInteger work;
    private int count;
    private String error;

    private boolean redownloading;
    private Hash256 redownloadLast;
    private int redownloaded;

    HeaderPresync(BlockNode fork, BigInteger threshold, NetworkParams params, int maxHeaders) {
        this.fork = fork;
        this.threshold = threshold;
        this.params = params;
        this.maxHeaders = maxHeaders;
        this.last = fork.hash();
        this.lastBits = fork.header().bits();
        this.work = fork.chainWork();
        ThreadLocalRandom.current().nextBytes(salt);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    BlockNode fork() {
        return fork;
    }

    Hash256 last() {
        return last;
    }

    int count() {
        return count;
    }

    String error() {
        return error;
    }

    boolean redownloading() {
        return redownloading;
    }

    /** True if a batch starting after {@code prev} continues this pre-sync. */
    boolean continues(Hash256 prev) {
        return prev.equals(redownloading ? redownloadLast : last);
    }

    /** First phase: checks and counts a batch that {@link #continues} the chain, storing nothing. */
    Step feed(List<BlockHeader> headers) {
        for (BlockHeader h : headers) {
            if (!h.prevHash().equals(last)) {
                return invalid("header " + h.hash() + " does not continue the chain");
            }
            int height = fork.height() + count + 1;
            if (!permittedBits(height, h.bits())) {
                return invalid("header " + h.hash() + " changes difficulty where the rules do not allow it");
            }
            try {
                ProofOfWork.checkProofOfWork(h.hash(), h.bits(), params.powLimit());
            } catch (ValidationException e) {
                return invalid("header " + h.hash() + ": " + e.getMessage());
            }
            if (count % COMMITMENT_PERIOD == 0) {
                commitments.set(count / COMMITMENT_PERIOD, bit(h.hash()));
            }
            count++;
            last = h.hash();
            lastBits = h.bits();
            work = work.add(ProofOfWork.work(h.bits()));
            if (work.compareTo(threshold) >= 0) {
                redownloading = true;
                redownloadLast = fork.hash();
                return Step.REACHED;
            }
            if (count >= maxHeaders) {
                error = count + " headers without reaching the minimum chain work";
                return Step.TOO_LONG;
            }
        }
        return Step.CONTINUE;
    }

    /** Second phase: null if the batch matches the commitments of the chain seen, else why not. */
    String checkRedownload(List<BlockHeader> headers) {
        int k = redownloaded;
        for (BlockHeader h : headers) {
            if (k < count && k % COMMITMENT_PERIOD == 0 && commitments.get(k / COMMITMENT_PERIOD) != bit(h.hash())) {
                return "header " + h.hash() + " is not the one of the chain it showed before";
            }
            k++;
        }
        return null;
    }

    /** Second phase: a checked batch was stored; true once the whole pre-synced chain is. */
    boolean stored(List<BlockHeader> headers) {
        redownloaded += headers.size();
        redownloadLast = headers.get(headers.size() - 1).hash();
        return redownloaded >= count;
    }

    private boolean permittedBits(int height, long bits) {
        if (bits == lastBits) {
            return true;
        }
        if (!params.retargeting() || height % params.retargetInterval() != 0) {
            return false;
        }
        BigInteger old = ProofOfWork.work(lastBits);
        BigInteger now = ProofOfWork.work(bits);
        BigInteger four = BigInteger.valueOf(4);
        return now.signum() > 0 && now.compareTo(old.multiply(four)) <= 0 && now.multiply(four).compareTo(old) >= 0;
    }

    private boolean bit(Hash256 hash) {
        sha.update(salt);
        return (sha.digest(hash.toBytes())[0] & 1) != 0;
    }

    private Step invalid(String why) {
        error = why;
        return Step.INVALID;
    }
}
