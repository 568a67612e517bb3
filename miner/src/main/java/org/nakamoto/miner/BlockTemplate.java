package org.nakamoto.miner;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;

/**
 * Everything a block on the current tip needs except the coinbase's extra-nonce and the header's nonce.
 * Immutable; {@link #header(long)} and {@link #block(long, long)} make the variants workers search.
 *
 * @param transactions the mempool transactions chosen, every parent before its children
 * @param fees         what those transactions leave to the miner
 */
public record BlockTemplate(int height, Hash256 prevHash, int version, long time, long bits, BigInteger target,
        List<Transaction> transactions, long subsidy, long fees, Script payout) {

    /** BIP9's version bits base, as Bitcoin Core's miner uses. */
    public static final int VERSION = 0x20000000;

    public BlockTemplate {
        transactions = List.copyOf(transactions);
    }

    /** The coinbase: BIP34 height, then the extra-nonce, paying subsidy plus fees to the payout script. */
    public Transaction coinbase(long extraNonce) {
        ByteWriter sig = new ByteWriter(24);
        sig.writeBytes(CoinbaseHeight.encode(height));
        sig.writeUint8(8).writeInt64LE(extraNonce);
        return new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(sig.toByteArray()), TxIn.SEQUENCE_FINAL))
                .addOutput(subsidy + fees, payout)
                .build();
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
