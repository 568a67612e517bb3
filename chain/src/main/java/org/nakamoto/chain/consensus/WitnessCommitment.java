package org.nakamoto.chain.consensus;

import java.util.Arrays;
import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.Witness;

/**
 * BIP141's witness commitment: the coinbase commits to the witness merkle root in an output
 * {@code OP_RETURN 0x24 aa21a9ed <32 bytes>} (the last such output counts), the 32 bytes being
 * SHA256d(witness root || witness reserved value), and the reserved value is the coinbase input's only
 * witness item. The header commits to the coinbase, so this is what ties the witnesses to the block.
 * Used by validation ({@link #check}) and by block templates ({@link #addTo}). Stateless.
 */
public final class WitnessCommitment {
    /** The four bytes after OP_RETURN and the push opcode: "aa21a9ed". */
    private static final byte[] HEADER = {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};
    /** Core's MINIMUM_WITNESS_COMMITMENT: the header and the 32-byte commitment. */
    public static final int MIN_SCRIPT_SIZE = HEADER.length + 32;
    /** The reserved value templates use: 32 zero bytes (BIP141 leaves it for future commitments). */
    public static final byte[] DEFAULT_RESERVED_VALUE = new byte[32];

    private WitnessCommitment() {
    }

    /** Core's GetWitnessCommitmentIndex: the last coinbase output that carries a commitment, or -1. */
    public static int index(Transaction coinbase) {
        int found = -1;
        for (int o = 0; o < coinbase.outputs().size(); o++) {
            byte[] s = coinbase.outputs().get(o).scriptPubKey().unsafeBytes();
            if (s.length >= MIN_SCRIPT_SIZE && Arrays.equals(s, 0, HEADER.length, HEADER, 0, HEADER.length)) {
                found = o;
            }
        }
        return found;
    }

    /** SHA256d(witness root || reserved value). */
    public static Hash256 commitment(Hash256 witnessRoot, byte[] reservedValue) {
        ByteWriter w = new ByteWriter(64);
        w.writeBytes(witnessRoot.toBytes()).writeBytes(reservedValue);
        return Hash256.sha256d(w.toByteArray());
    }

    /** The commitment a template's coinbase carries for {@code txs} (coinbase first) and the default reserved value. */
    public static Hash256 commitmentFor(List<Transaction> txs) {
        return commitment(MerkleTree.ofWitnesses(txs).root(), DEFAULT_RESERVED_VALUE);
    }

    /** The output script carrying {@code commitment}. */
    public static Script script(Hash256 commitment) {
        byte[] s = Arrays.copyOf(HEADER, MIN_SCRIPT_SIZE);
        System.arraycopy(commitment.toBytes(), 0, s, HEADER.length, 32);
        return Script.of(s);
    }

    /**
     * Completes a template: the coinbase ({@code txs.get(0)}) gets the default reserved value as its witness
     * and a commitment output for the other transactions, unless none of them has a witness (then the
     * block is left as it was, as Core's miner leaves it when segwit is not active).
     */
    public static Transaction addTo(List<Transaction> txs) {
        Transaction coinbase = txs.get(0);
        boolean any = false;
        for (int i = 1; i < txs.size(); i++) {
            any |= txs.get(i).hasWitness();
        }
        if (!any) {
            return coinbase;
        }
        // The wtxid of the coinbase is replaced by zero in the tree, so adding to it changes nothing there.
        Hash256 c = commitmentFor(txs);
        Transaction.Builder b = coinbase.toBuilder();
        b.setWitness(0, Witness.of(DEFAULT_RESERVED_VALUE));
        b.addOutput(0, script(c));
        return b.build();
    }

    /**
     * The block's witness rules once segwit is active (Core's CheckWitnessMalleation): with a commitment,
     * the reserved value must be one 32-byte item and the commitment must match; without one, no
     * transaction may carry a witness. Before segwit no block may carry a witness at all.
     */
    public static void check(Block block, boolean segwitActive) throws ValidationException {
        List<Transaction> txs = block.transactions();
        Transaction coinbase = txs.get(0);
        int pos = segwitActive ? index(coinbase) : -1;
        if (pos >= 0) {
            Witness reserved = coinbase.inputs().get(0).witness();
            if (reserved.size() != 1 || reserved.unsafeGet(0).length != 32) {
                throw new ValidationException(RejectReason.BAD_WITNESS_NONCE_SIZE, "coinbase witness " + reserved);
            }
            // The witness tree cannot be mutated when the txid tree is not (checked before), so its flag is ignored.
            Hash256 expected = commitment(MerkleTree.ofWitnesses(txs).root(), reserved.unsafeGet(0));
            byte[] s = coinbase.outputs().get(pos).scriptPubKey().unsafeBytes();
            if (!Arrays.equals(s, HEADER.length, HEADER.length + 32, expected.toBytes(), 0, 32)) {
                throw new ValidationException(RejectReason.BAD_WITNESS_MERKLE_MATCH, block.hash().toString());
            }
            return;
        }
        for (Transaction tx : txs) {
            if (tx.hasWitness()) {
                throw new ValidationException(RejectReason.UNEXPECTED_WITNESS, tx.txid().toString());
            }
        }
    }
}
