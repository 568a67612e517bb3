package org.nakamoto.chain.script;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.SignatureEngines;
import org.nakamoto.chain.crypto.TaggedHash;

/**
 * BIP 341's commitment structure: a taproot output key is an internal key tweaked by the hash of the
 * key and the Merkle root of a tree of scripts (leaves and branches hashed with tagged hashes), and a
 * script-path spend proves its leaf is in that tree with a control block (leaf version and output-key
 * parity, the internal key, the Merkle path). Stateless.
 */
public final class Taproot {
    /** The leaf version of BIP 342 tapscript. */
    public static final int LEAF_VERSION_TAPSCRIPT = 0xc0;
    /** The control block's first byte carries the leaf version in these bits and the parity in the last. */
    public static final int LEAF_MASK = 0xfe;
    /** The control block's fixed part: one byte of leaf version and parity, then the 32-byte internal key. */
    public static final int CONTROL_BASE_SIZE = 33;
    /** Each Merkle path step is one 32-byte hash. */
    public static final int CONTROL_NODE_SIZE = 32;
    /** A tree at most 128 levels deep. */
    public static final int CONTROL_MAX_NODE_COUNT = 128;
    public static final int CONTROL_MAX_SIZE = CONTROL_BASE_SIZE + CONTROL_NODE_SIZE * CONTROL_MAX_NODE_COUNT;
    /** A last witness item starting with this byte (with at least two items) is the annex. */
    public static final int ANNEX_TAG = 0x50;

    private static final TaggedHash TAP_LEAF = TaggedHash.of("TapLeaf");
    private static final TaggedHash TAP_BRANCH = TaggedHash.of("TapBranch");
    private static final TaggedHash TAP_TWEAK = TaggedHash.of("TapTweak");

    private Taproot() {
    }

    /** A tweaked output key: the x coordinate the scriptPubKey carries, and the parity a control block states. */
    public record OutputKey(byte[] xOnly, boolean oddY) {
        public OutputKey {
            xOnly = xOnly.clone();
        }

        @Override
        public byte[] xOnly() {
            return xOnly.clone();
        }
    }

    /** {@code hash_TapLeaf(leafVersion || compact_size(script) || script)}. */
    public static byte[] leafHash(int leafVersion, byte[] script) {
        MessageDigest md = TAP_LEAF.start();
        md.update((byte) leafVersion);
        md.update(new ByteWriter(9).writeCompactSize(script.length).toByteArray());
        md.update(script);
        return md.digest();
    }

    /** {@code hash_TapBranch} of two child hashes, the smaller one (bytewise) first. */
    public static byte[] branchHash(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) < 0 ? TAP_BRANCH.hash(a, b) : TAP_BRANCH.hash(b, a);
    }

    /** {@code hash_TapTweak(internalKey || merkleRoot)}, or of the key alone when there is no script tree. */
    public static byte[] tweakHash(byte[] internalKey32, byte[] merkleRootOrNull) {
        return merkleRootOrNull == null ? TAP_TWEAK.hash(internalKey32) : TAP_TWEAK.hash(internalKey32, merkleRootOrNull);
    }

    /**
     * The Merkle root a control block proves {@code leafHash} to be under: the leaf hash combined with each
     * 32-byte path element in turn. The control block's size must already be valid.
     */
    public static byte[] merkleRootFromControlBlock(byte[] control, byte[] leafHash) {
        byte[] k = leafHash;
        int steps = (control.length - CONTROL_BASE_SIZE) / CONTROL_NODE_SIZE;
        for (int i = 0; i < steps; i++) {
            int off = CONTROL_BASE_SIZE + CONTROL_NODE_SIZE * i;
            k = branchHash(k, Arrays.copyOfRange(control, off, off + CONTROL_NODE_SIZE));
        }
        return k;
    }

    /** Whether a control block's size is 33 + 32m bytes with m at most 128 (else TAPROOT_WRONG_CONTROL_SIZE). */
    public static boolean isValidControlSize(int size) {
        return size >= CONTROL_BASE_SIZE && size <= CONTROL_MAX_SIZE
                && (size - CONTROL_BASE_SIZE) % CONTROL_NODE_SIZE == 0;
    }

    /**
     * Core's VerifyTaprootCommitment: the output key {@code program32} must be the control block's internal
     * key tweaked by the Merkle root its path gives for {@code leafHash}, with the parity the control block
     * states. False also when the internal key is not a valid x coordinate.
     */
    public static boolean verifyCommitment(byte[] control, byte[] program32, byte[] leafHash) {
        byte[] internalKey = Arrays.copyOfRange(control, 1, CONTROL_BASE_SIZE);
        byte[] root = merkleRootFromControlBlock(control, leafHash);
        Optional<byte[]> q = SignatureEngines.active().xOnlyTweakAdd(internalKey, tweakHash(internalKey, root));
        if (q.isEmpty()) {
            return false;
        }
        byte[] tweaked = q.get();
        boolean oddY = tweaked[0] == 0x03;
        return oddY == ((control[0] & 1) == 1)
                && MessageDigest.isEqual(Arrays.copyOfRange(tweaked, 1, 33), program32);
    }

    /**
     * The output key for {@code internalKey32} committing to {@code merkleRootOrNull} (null: key path only,
     * as BIP 86 wallets use). Throws for an internal key that is not on the curve.
     */
    public static OutputKey outputKey(byte[] internalKey32, byte[] merkleRootOrNull) {
        byte[] q = SignatureEngines.active().xOnlyTweakAdd(internalKey32, tweakHash(internalKey32, merkleRootOrNull))
                .orElseThrow(() -> new IllegalArgumentException("the internal key is not a point on the curve"));
        return new OutputKey(Arrays.copyOfRange(q, 1, 33), q[0] == 0x03);
    }

    /**
     * The secret key that signs for the output key of {@code key}'s x-only public key committing to
     * {@code merkleRootOrNull}: the key negated when its point has odd y, plus the tweak (BIP 341's
     * taproot_tweak_seckey).
     */
    public static EcPrivateKey tweakPrivateKey(EcPrivateKey key, byte[] merkleRootOrNull) {
        return key.xOnlyTweakAdd(tweakHash(key.xOnlyPublicKey(), merkleRootOrNull));
    }

    /** The witness v1 scriptPubKey {@code OP_1 <32-byte output key>}. */
    public static byte[] scriptPubKey(byte[] outputKey32) {
        if (outputKey32.length != 32) {
            throw new IllegalArgumentException("an output key is 32 bytes, got " + outputKey32.length);
        }
        return new ByteWriter(34).writeUint8(Opcodes.OP_1).writeUint8(32).writeBytes(outputKey32).toByteArray();
    }
}
