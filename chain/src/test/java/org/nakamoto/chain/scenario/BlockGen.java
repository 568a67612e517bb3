package org.nakamoto.chain.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.consensus.CoinbaseHeight;
import org.nakamoto.chain.consensus.HeaderAncestry;
import org.nakamoto.chain.consensus.MedianTimePast;
import org.nakamoto.chain.consensus.Retarget;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.testing.HeaderMapAncestry;
import org.nakamoto.chain.testing.BlockBuilder;
import org.nakamoto.chain.testing.TestMiner;

/**
 * Makes named blocks for the scenario tables, like btcd's full-block generator: each block is valid
 * (BIP34 coinbase paying the subsidy to OP_TRUE, bits from the retarget rule, time after the median time
 * past, a mined nonce) unless a {@link Draft} munger breaks exactly one thing. Unlike {@link BlockBuilder},
 * any field can be altered before the block is mined, and children can be built on invalid blocks. Not
 * thread-safe.
 */
final class BlockGen {
    private final NetworkParams params;
    private final Map<String, Block> byName = new HashMap<>();
    /** By identity: a mutated copy shares its genuine block's hash but not its name. */
    private final Map<Block, String> names = new IdentityHashMap<>();
    private final Map<Hash256, Integer> heights = new HashMap<>();
    private final Map<Hash256, BlockHeader> headers = new HashMap<>();
    private int tag;

    BlockGen(NetworkParams params) {
        this.params = params;
        remember("genesis", params.genesis(), 0);
    }

    /** Everything about a block to be made; mungers change fields before it is assembled and mined. */
    static final class Draft {
        final int height;
        int version = 4;
        long time;
        long bits;
        /** The parent branch's median time past: a time at or below it is too old. */
        long medianTimePast;
        byte[] coinbaseScriptSig;
        long coinbaseValue;
        Script payout = BlockBuilder.OP_TRUE;
        /** Transactions after the coinbase. */
        final List<Transaction> txs = new ArrayList<>();
        /** When set, the whole transaction list, coinbase included, replacing the one the fields describe. */
        List<Transaction> allTxs;
        /** Mine a nonce whose hash misses the target. */
        boolean missTarget;

        Draft(int height) {
            this.height = height;
        }
    }

    Block genesis() {
        return params.genesis();
    }

    Block get(String name) {
        Block b = byName.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no block named " + name);
        }
        return b;
    }

    int height(Block b) {
        return heights.get(b.hash());
    }

    /** A block named {@code name} on {@code parent}, 600 seconds after it, altered by {@code mungers} in order. */
    @SafeVarargs
    final Block block(String name, Block parent, Consumer<Draft>... mungers) {
        int height = heights.get(parent.hash()) + 1;
        HeaderAncestry ancestry = ancestry(parent.hash());
        Draft d = new Draft(height);
        d.medianTimePast = MedianTimePast.of(ancestry);
        d.time = Math.max(parent.header().time() + 600, d.medianTimePast + 1);
        d.bits = Retarget.nextWorkRequired(params, ancestry);
        ByteWriter sig = new ByteWriter();
        sig.writeBytes(CoinbaseHeight.encode(height));
        sig.writeUint8(4).writeInt32LE(tag++); // distinct coinbases, so sibling blocks differ
        d.coinbaseScriptSig = sig.toByteArray();
        d.coinbaseValue = params.subsidyAt(height);
        for (Consumer<Draft> m : mungers) {
            m.accept(d);
        }
        List<Transaction> all = d.allTxs;
        if (all == null) {
            all = new ArrayList<>();
            all.add(coinbase(d.coinbaseScriptSig, d.coinbaseValue, d.payout));
            all.addAll(d.txs);
        }
        BlockHeader template = new BlockHeader(d.version, parent.hash(), MerkleTree.ofTransactions(all).root(),
                d.time, d.bits, 0);
        Block b = new Block(d.missTarget ? missTarget(template) : TestMiner.mine(template), all);
        remember(name, b, height);
        return b;
    }

    /** {@code count} valid blocks named {@code prefix + height} on {@code parent}; returns the last. */
    Block chain(String prefix, Block parent, int count) {
        Block p = parent;
        for (int i = 0; i < count; i++) {
            p = block(prefix + (heights.get(p.hash()) + 1), p);
        }
        return p;
    }

    /** The same header with another body: what a peer that mutates a block in flight sends. */
    Block withBody(String name, Block genuine, UnaryOperator<List<Transaction>> body) {
        Block b = new Block(genuine.header(), body.apply(new ArrayList<>(genuine.transactions())));
        byName.put(name, b);
        names.put(b, name);
        return b;
    }

    /** The coinbase's only output, which pays OP_TRUE unless a munger changed the payout. */
    static OutPoint coinbaseOut(Block b) {
        return new OutPoint(b.transactions().get(0).txid(), 0);
    }

    static long coinbaseValue(Block b) {
        return b.transactions().get(0).outputs().get(0).value();
    }

    static Transaction coinbase(byte[] scriptSig, long value, Script payout) {
        return new Transaction.Builder()
                .addInput(new TxIn(OutPoint.NULL, Script.of(scriptSig), TxIn.SEQUENCE_FINAL))
                .addOutput(value, payout)
                .build();
    }

    /** The first nonce whose hash is above the target: a header that fails only its proof of work. */
    private static BlockHeader missTarget(BlockHeader template) {
        BigInteger target = CompactTarget.decode(template.bits()).value();
        for (long nonce = 0; ; nonce++) {
            BlockHeader h = template.withNonce(nonce);
            if (h.hash().toBigInteger().compareTo(target) > 0) {
                return h;
            }
        }
    }

    private void remember(String name, Block b, int height) {
        if (byName.putIfAbsent(name, b) != null) {
            throw new IllegalArgumentException("two blocks named " + name);
        }
        names.put(b, name);
        heights.put(b.hash(), height);
        headers.put(b.hash(), b.header());
    }

    /** The name a block was made under, for row names. */
    String nameOf(Block b) {
        String n = names.get(b);
        return n != null ? n : b.hash().toString();
    }

    private HeaderAncestry ancestry(Hash256 tipHash) {
        return new HeaderMapAncestry(headers, heights, tipHash);
    }
}
