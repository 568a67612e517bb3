package org.nakamoto.p2p;

import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.ProofOfWork;
import org.nakamoto.chain.consensus.Retarget;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.state.BlockNode;

/**
 * Builds valid blocks for tests (there is no miner module yet): a BIP34 coinbase paying OP_TRUE, the
 * given transactions, the merkle root, the required bits, a time after the median time past, and a
 * nonce ground until the proof of work passes (about two tries on regtest).
 */
final class BlockMaker {
    /** Spendable with an empty scriptSig: the interpreter leaves OP_TRUE on the stack. */
    static final Script OP_TRUE = Script.of(new byte[] {0x51});

    private BlockMaker() {
    }

    static Block make(NetworkParams params, BlockNode parent, List<Transaction> txs, int tag, long nowSeconds) {
        int height = parent.height() + 1;
        ByteWriter sig = new ByteWriter();
        sig.writeBytes(CoinbaseHeight.encode(height));
        sig.writeUint8(4);
        sig.writeInt32LE(tag); // tells producers' blocks apart at the same height
        long fees = 0; // the coinbase may claim less than allowed
        Transaction coinbase = new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(sig.toByteArray()), TxIn.SEQUENCE_FINAL))
                .addOutput(params.subsidyAt(height) + fees, OP_TRUE)
                .build();
        List<Transaction> all = new ArrayList<>();
        all.add(coinbase);
        all.addAll(txs);
        List<Hash256> ids = new ArrayList<>();
        all.forEach(t -> ids.add(t.txid()));
        long bits = Retarget.nextWorkRequired(params, parent.ancestry());
        long time = Math.max(MedianTimePast.of(parent.ancestry()) + 1, nowSeconds);
        BlockHeader h = new BlockHeader(4, parent.hash(), MerkleTree.root(ids), time, bits, 0);
        for (long nonce = 0;; nonce++) {
            BlockHeader candidate = h.withNonce(nonce);
            try {
                ProofOfWork.checkProofOfWork(candidate.hash(), bits, params.powLimit());
                return new Block(candidate, all);
            } catch (ValidationException tooHigh) {
                // next nonce
            }
        }
    }

    /** Spends output {@code index} of {@code prev} (an OP_TRUE output) to OP_TRUE outputs, minus a fee. */
    static Transaction spend(Transaction prev, int index, long fee, int outputs, byte[] padding) {
        long value = prev.outputs().get(index).value() - fee;
        Transaction.Builder b = new Transaction.Builder()
                .addInput(new TxIn(new OutPoint(prev.txid(), index), Script.EMPTY, TxIn.SEQUENCE_FINAL));
        for (int i = 0; i < outputs; i++) {
            b.addOutput(value / outputs + (i == 0 ? value % outputs : 0), OP_TRUE);
        }
        if (padding != null) {
            byte[] script = new byte[padding.length + 1];
            script[0] = 0x6a; // OP_RETURN: unspendable data, not in the UTXO set
            System.arraycopy(padding, 0, script, 1, padding.length);
            b.addOutput(0, Script.of(script));
        }
        return b.build();
    }
}
