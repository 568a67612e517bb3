package org.nakamoto.chain.scenario;

import java.util.List;
import java.util.TreeMap;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.testing.BlockBuilder;

/** Transactions and network variants the scenario tables are made of. */
final class Txs {
    /** OP_0: an output no scriptSig can satisfy with an empty script. */
    static final Script OP_FALSE = Script.of(new byte[] {0x00});
    /** OP_TRUE as a witness script: a standard output (P2WSH) anyone spends with the witness [OP_TRUE]. */
    static final byte[] OP_TRUE_SCRIPT = {0x51};
    static final Script P2WSH_OP_TRUE = StandardScripts.payToWitnessScriptHash(Hashes.sha256(OP_TRUE_SCRIPT));
    /** OP_TRUE as a P2SH redeem script: a standard output spent by the scriptSig pushing [OP_TRUE]. */
    static final Script P2SH_OP_TRUE = StandardScripts.payToScriptHash(Hashes.hash160(OP_TRUE_SCRIPT));

    private Txs() {
    }

    /** Spends OP_TRUE outputs worth {@code inputTotal} into one OP_TRUE output, leaving {@code fee}. */
    static Transaction spend(long inputTotal, long fee, OutPoint... inputs) {
        return BlockBuilder.spend(List.of(inputs), inputTotal, 1, fee);
    }

    static Transaction spendTo(OutPoint input, long value, Script payout) {
        return new Transaction.Builder().addInput(input, Script.EMPTY).addOutput(value, payout).build();
    }

    static Transaction withOutputs(OutPoint input, long... values) {
        Transaction.Builder b = new Transaction.Builder().addInput(input, Script.EMPTY);
        for (long v : values) {
            b.addOutput(v, BlockBuilder.OP_TRUE);
        }
        return b.build();
    }

    /** An output of a transaction nobody has seen. */
    static OutPoint unknownOutput(int seed) {
        return new OutPoint(Hash256.sha256d(new byte[] {(byte) seed, 0x42}), 0);
    }

    /** {@code n} OP_CHECKSIG opcodes: n legacy sigops, as counted in a scriptPubKey or a redeem script. */
    static byte[] checkSigs(int n) {
        byte[] s = new byte[n];
        java.util.Arrays.fill(s, (byte) 0xac);
        return s;
    }

    /**
     * A transaction of exactly {@code size} bytes (more than 65,535) spending an OP_TRUE output into one
     * unspendable OP_RETURN output padded with data.
     */
    static Transaction ofSize(int size, OutPoint input, long value) {
        Transaction small = spendTo(input, value, opReturn(0));
        // Past 65,535 bytes the script's length prefix grows from 1 byte to 5.
        int data = size - small.size() - 4;
        Transaction tx = spendTo(input, value, opReturn(data));
        if (tx.size() != size) {
            throw new IllegalStateException("made " + tx.size() + " bytes, wanted " + size);
        }
        return tx;
    }

    private static Script opReturn(int dataLength) {
        ByteWriter w = new ByteWriter();
        w.writeUint8(0x6a).writeUint8(0x4e).writeInt32LE(dataLength); // OP_RETURN OP_PUSHDATA4 <len>
        w.writeBytes(new byte[dataLength]);
        return Script.of(w.toByteArray());
    }

    /** A transaction with the given inputs (empty scriptSigs, sequences final) and OP_TRUE outputs. */
    static Transaction raw(List<OutPoint> inputs, List<Long> values, long lockTime, long sequence) {
        Transaction.Builder b = new Transaction.Builder().lockTime(lockTime);
        for (OutPoint op : inputs) {
            b.addInput(new TxIn(op, Script.EMPTY, sequence));
        }
        for (long v : values) {
            b.addOutput(new TxOut(v, BlockBuilder.OP_TRUE));
        }
        return b.build();
    }

    /**
     * {@code base} with other constants, as btcd's full-block tests redefine them so a rule can be
     * reached: the coinbase maturity, the BIP34 height, the initial subsidy and the checkpoints.
     */
    static NetworkParams network(NetworkParams r, int maturity, int bip34Height, long initialSubsidy,
            TreeMap<Integer, Hash256> checkpoints) {
        return r.toBuilder()
                .coinbaseMaturity(maturity)
                .bip34Height(bip34Height)
                .initialSubsidy(initialSubsidy)
                .checkpoints(checkpoints)
                .build();
    }
}
