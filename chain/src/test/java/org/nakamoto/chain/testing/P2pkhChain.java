package org.nakamoto.chain.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.chain.script.TaprootSignatureHash;
import org.nakamoto.chain.script.TaprootSigner;
import org.nakamoto.chain.script.WitnessV0Signer;

/**
 * Generates a chain whose blocks carry real pay-to-pubkey-hash transactions with real signatures:
 * coinbases pay a key's P2PKH script, and once they mature each block spends earlier outputs into new
 * ones. For benchmarks and tests that want realistic validation work. {@link #segwit} makes the same
 * chain with P2WPKH outputs spent by BIP 143 witnesses (blocks then carry the witness commitment), and
 * {@link #taproot} with BIP 86 key-path-only P2TR outputs spent by BIP 341 key-path signatures.
 * Not thread-safe.
 */
public final class P2pkhChain {
    private final NetworkParams params;
    private final BlockBuilder builder;
    private final EcPrivateKey key = EcPrivateKey.of(BigInteger.valueOf(0x5eed));
    private final byte[] pubKey = key.publicKeyBytes(true);
    private final Kind kind;
    private final Script lock;
    /** Spendable outputs: (outpoint, value, height it became spendable). */
    private final PriorityQueue<Spendable> spendable = new PriorityQueue<>(Comparator.comparingInt(Spendable::readyAt));
    private final List<Block> blocks = new ArrayList<>();
    /** The values of the outputs being spent, which BIP 143 signs. */
    private final java.util.Map<OutPoint, Long> values = new java.util.HashMap<>();
    private Block tip;

    private record Spendable(OutPoint outpoint, long value, int readyAt) {
    }

    /** The outputs the chain pays and spends. */
    private enum Kind { P2PKH, P2WPKH, P2TR }

    public P2pkhChain(NetworkParams params) {
        this(params, Kind.P2PKH);
    }

    private P2pkhChain(NetworkParams params, Kind kind) {
        this.kind = kind;
        this.lock = switch (kind) {
            case P2PKH -> StandardScripts.payToPubKeyHash(Hashes.hash160(pubKey));
            case P2WPKH -> StandardScripts.payToWitnessKeyHash(Hashes.hash160(pubKey));
            case P2TR -> Script.of(Taproot.scriptPubKey(Taproot.outputKey(key.xOnlyPublicKey(), null).xOnly()));
        };
        this.params = params;
        this.builder = new BlockBuilder(params);
        this.tip = params.genesis();
    }

    /** The same generator paying and spending P2WPKH outputs. */
    public static P2pkhChain segwit(NetworkParams params) {
        return new P2pkhChain(params, Kind.P2WPKH);
    }

    /** The same generator paying and spending BIP 86 taproot outputs through the key path. */
    public static P2pkhChain taproot(NetworkParams params) {
        return new P2pkhChain(params, Kind.P2TR);
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** Adds {@code n} blocks, each with up to {@code txsPerBlock} transactions of 2 inputs and 2 outputs. */
    public P2pkhChain extend(int n, int txsPerBlock) {
        for (int i = 0; i < n; i++) {
            int height = blocks.size() + 1;
            List<Transaction> txs = new ArrayList<>();
            long fees = 0;
            for (int t = 0; t < txsPerBlock && enoughReady(height, 2); t++) {
                Spendable a = spendable.poll();
                Spendable b = spendable.poll();
                long fee = 1000;
                long total = a.value + b.value - fee;
                Transaction unsigned = new Transaction.Builder()
                        .addInput(a.outpoint, Script.EMPTY)
                        .addInput(b.outpoint, Script.EMPTY)
                        .addOutput(total / 2, lock)
                        .addOutput(total - total / 2, lock)
                        .build();
                values.put(a.outpoint, a.value);
                values.put(b.outpoint, b.value);
                Transaction signed = sign(unsigned);
                values.remove(a.outpoint);
                values.remove(b.outpoint);
                txs.add(signed);
                fees += fee;
            }
            tip = builder.next(tip, params.targetSpacingSeconds(), txs, fees, lock);
            blocks.add(tip);
            Transaction cb = tip.transactions().get(0);
            spendable.add(new Spendable(new OutPoint(cb.txid(), 0), cb.outputs().get(0).value(),
                    height + params.coinbaseMaturity()));
            for (Transaction tx : txs) {
                for (int o = 0; o < tx.outputs().size(); o++) {
                    spendable.add(new Spendable(new OutPoint(tx.txid(), o), tx.outputs().get(o).value(), height + 1));
                }
            }
        }
        return this;
    }

    /** Whether the {@code count} soonest-ready outputs are all spendable at {@code height}. */
    private boolean enoughReady(int height, int count) {
        if (spendable.size() < count) {
            return false;
        }
        List<Spendable> head = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            head.add(spendable.poll());
        }
        spendable.addAll(head);
        return head.get(count - 1).readyAt() <= height;
    }

    private Transaction sign(Transaction tx) {
        Transaction.Builder b = tx.toBuilder();
        if (kind == Kind.P2TR) {
            List<TxOut> spent = tx.inputs().stream()
                    .map(in -> new TxOut(values.get(in.prevout()), lock)).toList();
            PrecomputedTxData data = new PrecomputedTxData(tx, spent);
            byte[] aux = new byte[32];
            for (int i = 0; i < tx.inputs().size(); i++) {
                aux[0] = (byte) i;
                b.setWitness(i, Witness.of(TaprootSigner.signKeyPath(data, i, TaprootSignatureHash.DEFAULT, key, null, aux)));
            }
            return b.build();
        }
        if (kind == Kind.P2WPKH) {
            PrecomputedTxData data = new PrecomputedTxData(tx);
            for (int i = 0; i < tx.inputs().size(); i++) {
                b.setWitness(i, WitnessV0Signer.payToWitnessKeyHash(key, tx, i, values.get(tx.inputs().get(i).prevout()),
                        data));
            }
            return b.build();
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
            byte[] sig = LegacySigner.sign(key, tx, i, lock, SignatureHash.ALL);
            TxIn in = tx.inputs().get(i);
            b.setInput(i, new TxIn(in.prevout(), StandardScripts.spendPayToPubKeyHash(sig, pubKey), in.sequence()));
        }
        return b.build();
    }

}
