package org.nakamoto.miner;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.WitnessCommitment;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.Witness;

/**
 * Everything a block on the current tip needs except the coinbase's extra-nonce and the header's nonce.
 * Immutable; {@link #header(long)} and {@link #block(long, long)} make the variants workers search.
 *
 * @param transactions the mempool transactions chosen, every parent before its children
 * @param fees         what those transactions leave to the miner
 * @param witnessCommitment BIP141's commitment to the transactions' witnesses, or null when none has one
 */
public record BlockTemplate(int height, Hash256 prevHash, int version, long time, long bits, BigInteger target,
        List<Transaction> transactions, long subsidy, long fees, Script payout, Hash256 witnessCommitment) {

    /** BIP9's version bits base, as Bitcoin Core's miner uses. */
    public static final int VERSION = 0x20000000;

    public BlockTemplate {
        transactions = List.copyOf(transactions);
    }

    /** A template whose witness commitment is computed from {@code transactions}. */
    public BlockTemplate(int height, Hash256 prevHash, int version, long time, long bits, BigInteger target,
            List<Transaction> transactions, long subsidy, long fees, Script payout) {
        this(height, prevHash, version, time, bits, target, transactions, subsidy, fees, payout,
                commitmentOf(transactions));
    }

    /**
     * The commitment for a coinbase followed by {@code txs}; it does not depend on the coinbase, whose
     * wtxid the witness tree replaces by zero. Null when no transaction has a witness: such blocks stay
     * exactly as before segwit.
     */
    static Hash256 commitmentOf(List<Transaction> txs) {
        if (txs.stream().noneMatch(Transaction::hasWitness)) {
            return null;
        }
        List<Transaction> all = new ArrayList<>(txs.size() + 1);
        all.add(new Transaction.Builder().build()); // a placeholder: its wtxid counts as zero
        all.addAll(txs);
        return WitnessCommitment.commitmentFor(all);
    }

    /**
     * The coinbase: BIP34 height, then the extra-nonce, paying subsidy plus fees to the payout script;
     * with a witness commitment, also BIP141's reserved value (32 zero bytes) as its witness and the
     * commitment output.
     */
    public Transaction coinbase(long extraNonce) {
        ByteWriter sig = new ByteWriter(24);
        sig.writeBytes(CoinbaseHeight.encode(height));
        sig.writeUint8(8).writeInt64LE(extraNonce);
        Transaction.Builder b = new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(sig.toByteArray()), TxIn.SEQUENCE_FINAL))
                .addOutput(subsidy + fees, payout);
        if (witnessCommitment != null) {
            b.setWitness(0, Witness.of(WitnessCommitment.DEFAULT_RESERVED_VALUE));
            b.addOutput(0, WitnessCommitment.script(witnessCommitment));
        }
        return b.build();
    }

    private List<Transaction> withCoinbase(long extraNonce) {
        List<Transaction> all = new ArrayList<>(transactions.size() + 1);
        all.add(coinbase(extraNonce));
        all.addAll(transactions);
        return all;
    }

    /** The header for {@code extraNonce}, nonce zero. */
    public BlockHeader header(long extraNonce) {
        Hash256 root = MerkleTree.ofTransactions(withCoinbase(extraNonce)).root();
        return new BlockHeader(version, prevHash, root, time, bits, 0);
    }

    public Block block(long extraNonce, long nonce) {
        List<Transaction> all = withCoinbase(extraNonce);
        Hash256 root = MerkleTree.ofTransactions(all).root();
        return new Block(new BlockHeader(version, prevHash, root, time, bits, nonce), all);
    }
}
