package org.nakamoto.wallet.coins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.crypto.EcdsaSignature;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.crypto.Secp256k1;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptExecutionData;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import org.nakamoto.chain.script.SigVersion;
import org.nakamoto.chain.script.TaprootSignatureHash;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.account.WalletAddress;
import org.nakamoto.wallet.keys.Mnemonic;

class PaymentBuilderTest {
    static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    static final Keychain KEYS = Keychain.fromSeed(REGTEST, Mnemonic.parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about").toSeed(""));
    static final Script TO = Address.p2pkh(REGTEST.pubKeyHashVersion(), new byte[20]).scriptPubKey();
    static final Script CHANGE = KEYS.address(new KeyPath(KeyPath.CHANGE, 0)).scriptPubKey();

    static WalletCoin coin(int index, long sat) {
        return coin(AddressType.LEGACY, index, sat);
    }

    static WalletCoin coin(AddressType type, int index, long sat) {
        KeyPath p = new KeyPath(type, KeyPath.RECEIVE, index % 5);
        WalletAddress a = KEYS.address(p);
        Hash256 txid = Hash256.wrap(Hashes.sha256(("coin " + index).getBytes()));
        return new WalletCoin(new OutPoint(txid, index % 3), sat, a.scriptPubKey(), p, a.toString(), 10, 20, false, false);
    }

    static List<WalletCoin> coins(long... sats) {
        List<WalletCoin> list = new ArrayList<>();
        for (int i = 0; i < sats.length; i++) {
            list.add(coin(i, sats[i]));
        }
        return list;
    }

    static long sum(Transaction tx) {
        return tx.outputs().stream().mapToLong(o -> o.value()).sum();
    }

    @Test
    void feeIsExactlyRateTimesSignedSize() {
        List<WalletCoin> pool = coins(5_000_000_000L, 70_000_000, 30_000_000, 1_000_000, 123_456);
        PaymentBuilder b = new PaymentBuilder(KEYS);
        int checked = 0;
        for (long rate = 1; rate <= 25; rate += 3) {
            for (long amount = 1_000_000; amount < 5_090_000_000L; amount += 509_000_017L) {
                Payment p = b.build(pool, TO, amount, rate, CHANGE);
                assertTrue(p.hasChange());
                long in = p.spent().stream().mapToLong(WalletCoin::valueSat).sum();
                assertEquals(in - sum(p.tx()), p.feeSat(), "fee is inputs minus outputs");
                assertEquals(rate * p.tx().size(), p.feeSat(), "fee == rate x size at rate " + rate + ", amount " + amount);
                assertEquals(amount, p.tx().outputs().get(0).value());
                assertEquals(TO, p.tx().outputs().get(0).scriptPubKey());
                assertEquals(CHANGE, p.tx().outputs().get(1).scriptPubKey());
                checked++;
            }
        }
        assertTrue(checked > 50);
    }

    /** BIP84/BIP49 coins: witness signatures (BIP143), fee by virtual size, every input verified. */
    @Test
    void segwitCoinsPayByVirtualSize() {
        Script bech32Change = KEYS.address(new KeyPath(AddressType.BECH32, KeyPath.CHANGE, 0)).scriptPubKey();
        List<WalletCoin> pool = List.of(coin(AddressType.BECH32, 0, 300_000), coin(AddressType.P2SH_SEGWIT, 1, 200_000),
                coin(AddressType.LEGACY, 2, 100_000));
        for (long rate : new long[] {1, 3, 10}) {
            Payment p = new PaymentBuilder(KEYS).build(pool, TO, 550_000, rate, bech32Change);
            Transaction tx = p.tx();
            assertEquals(3, tx.inputs().size());
            assertTrue(tx.hasWitness());
            assertTrue(tx.vsize() < tx.size(), "witness bytes are discounted");
            assertEquals(rate * tx.vsize(), p.feeSat(), "fee == rate x vsize");
            for (int i = 0; i < 3; i++) {
                WalletCoin c = p.spent().get(i);
                assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i, c.scriptPubKey(), c.valueSat(),
                        EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS)));
                boolean legacy = c.path().type() == AddressType.LEGACY;
                assertEquals(legacy, tx.inputs().get(i).witness().isEmpty(), "witness only for segwit coins");
                assertEquals(c.path().type() == AddressType.BECH32, tx.inputs().get(i).scriptSig().bytes().length == 0);
            }
            // A wrong amount breaks a BIP143 signature: it commits to the value spent.
            WalletCoin first = p.spent().stream().filter(c -> c.path().type() == AddressType.BECH32).findFirst().orElseThrow();
            int at = p.spent().indexOf(first);
            assertTrue(!ScriptVerifier.verifyInput(tx, at, first.scriptPubKey(), first.valueSat() + 1,
                    EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS)).isOk());
        }
    }

    /**
     * BIP86 coins beside every other kind in one transaction: each taproot input is a key-path witness of one
     * 64-byte SIGHASH_DEFAULT signature by the output key over BIP341's hash, which commits to every input's
     * spent output (so a wrong amount on another input breaks it); every input verifies in the interpreter
     * with the taproot rules; the fee is the rate times the virtual size; aux randomness is fresh each time.
     */
    @Test
    void taprootCoinsSignTheKeyPathBesideEveryOtherKind() {
        Script tapChange = KEYS.address(new KeyPath(AddressType.BECH32M, KeyPath.CHANGE, 0)).scriptPubKey();
        List<WalletCoin> pool = List.of(coin(AddressType.BECH32M, 0, 300_000), coin(AddressType.BECH32, 1, 250_000),
                coin(AddressType.P2SH_SEGWIT, 2, 200_000), coin(AddressType.LEGACY, 3, 150_000),
                coin(AddressType.BECH32M, 4, 100_000));
        for (long rate : new long[] {1, 4, 11}) {
            Payment p = new PaymentBuilder(KEYS).build(pool, TO, 950_000, rate, tapChange);
            Transaction tx = p.tx();
            assertEquals(5, tx.inputs().size());
            assertEquals(rate * tx.vsize(), p.feeSat(), "fee == rate x vsize");
            List<TxOut> spent = TransactionSigner.spentOutputs(p.spent());
            PrecomputedTxData data = new PrecomputedTxData(tx, spent);
            int taproot = 0;
            for (int i = 0; i < tx.inputs().size(); i++) {
                WalletCoin c = p.spent().get(i);
                assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(tx, i, c.scriptPubKey(), c.valueSat(),
                        EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.TAPROOT), data), "input " + i);
                if (c.path().type() != AddressType.BECH32M) {
                    continue;
                }
                taproot++;
                assertEquals(0, tx.inputs().get(i).scriptSig().length());
                assertEquals(1, tx.inputs().get(i).witness().size());
                byte[] sig = tx.inputs().get(i).witness().get(0);
                assertEquals(64, sig.length, "SIGHASH_DEFAULT: no hash type byte");
                byte[] outputKey = java.util.Arrays.copyOfRange(c.scriptPubKey().bytes(), 2, 34);
                assertTrue(Secp256k1.verifySchnorr(sig, keyPathHash(data, i), outputKey));
                int other = (i + 1) % spent.size();
                List<TxOut> wrong = new ArrayList<>(spent);
                wrong.set(other, new TxOut(spent.get(other).value() + 1, spent.get(other).scriptPubKey()));
                assertFalse(Secp256k1.verifySchnorr(sig, keyPathHash(new PrecomputedTxData(tx, wrong), i), outputKey),
                        "BIP341 commits to every spent amount");
            }
            assertEquals(2, taproot);
            Transaction again = new PaymentBuilder(KEYS).build(pool, TO, 950_000, rate, tapChange).tx();
            assertEquals(tx.txid(), again.txid(), "signatures are not part of the txid");
            assertFalse(tx.wtxid().equals(again.wtxid()), "fresh BIP340 aux randomness per signature");
        }
    }

    private static byte[] keyPathHash(PrecomputedTxData data, int input) {
        return TaprootSignatureHash.compute(data, input, TaprootSignatureHash.DEFAULT, SigVersion.TAPROOT,
                new ScriptExecutionData());
    }

    @Test
    void everyInputVerifiesWithLowSDeterministicSignatures() {
        List<WalletCoin> pool = coins(40_000, 50_000, 60_000, 70_000);
        Payment p = new PaymentBuilder(KEYS).build(pool, TO, 200_000, 2, CHANGE);
        assertEquals(4, p.spent().size());
        for (int i = 0; i < p.spent().size(); i++) {
            assertEquals(ScriptError.OK, ScriptVerifier.verifyInput(p.tx(), i, p.spent().get(i).scriptPubKey(),
                    EnumSet.noneOf(ScriptFlag.class)));
            byte[] scriptSig = p.tx().inputs().get(i).scriptSig().bytes();
            byte[] der = java.util.Arrays.copyOfRange(scriptSig, 1, 1 + scriptSig[0] - 1);
            assertEquals(1, scriptSig[scriptSig[0]], "SIGHASH_ALL");
            EcdsaSignature sig = EcdsaSignature.parseLaxDer(der).orElseThrow();
            assertTrue(sig.isLowS(), "low S");
            assertTrue(java.util.Arrays.equals(der, sig.encodeDer()), "strict DER");
        }
        // RFC 6979: the same request signs to the same bytes.
        assertEquals(p.tx(), new PaymentBuilder(KEYS).build(pool, TO, 200_000, 2, CHANGE).tx());
    }

    @Test
    void aTamperedSignatureIsCaughtBeforeBroadcast() {
        Payment p = new PaymentBuilder(KEYS).build(coins(1_000_000), TO, 500_000, 1, CHANGE);
        // Same transaction, but claiming to spend a coin of another key: the self-check must refuse it.
        WalletCoin other = coin(1, 1_000_000);
        WalletCoin wrongKey = new WalletCoin(p.spent().get(0).outpoint(), 1_000_000, other.scriptPubKey(),
                other.path(), other.address(), 10, 20, false, false);
        assertThrows(IllegalStateException.class, () -> TransactionSigner.verify(p.tx(), List.of(wrongKey)));
    }

    @Test
    void selectsLargestCoinsFirstAndNoMoreThanNeeded() {
        List<WalletCoin> pool = coins(10_000, 900_000, 50_000, 400_000);
        Payment p = new PaymentBuilder(KEYS).build(pool, TO, 1_000_000, 1, CHANGE);
        assertEquals(List.of(900_000L, 400_000L), p.spent().stream().map(WalletCoin::valueSat).toList());
        assertEquals(1_300_000 - 1_000_000 - p.feeSat(), p.changeSat());
    }

    @Test
    void changeBelowDustGoesToTheFee() {
        Payment exact = new PaymentBuilder(KEYS).build(coins(1_000_000), TO, 100_000, 1, CHANGE);
        long amount = 1_000_000 - exact.feeSat() + 34 - 300; // leaves ~300 sat of change: dust
        Payment p = new PaymentBuilder(KEYS).build(coins(1_000_000), TO, amount, 1, CHANGE);
        assertEquals(1, p.tx().outputs().size());
        assertEquals(1_000_000 - amount, p.feeSat());
        assertTrue(p.feeSat() >= p.tx().size());
    }

    @Test
    void amountAboveBalanceIsInsufficientFunds() {
        PaymentBuilder b = new PaymentBuilder(KEYS);
        List<WalletCoin> pool = coins(600_000, 400_000);
        assertThrows(InsufficientFundsException.class, () -> b.build(pool, TO, 1_000_001, 1, CHANGE));
        // The whole balance cannot be sent either: the fee has to come from somewhere.
        assertThrows(InsufficientFundsException.class, () -> b.build(pool, TO, 1_000_000, 1, CHANGE));
        assertThrows(InsufficientFundsException.class, () -> b.build(List.of(), TO, 1_000, 1, CHANGE));
    }

    @Test
    void dustAmountsAndBadFeeRatesAreRefused() {
        PaymentBuilder b = new PaymentBuilder(KEYS);
        assertThrows(WalletException.class, () -> b.build(coins(1_000_000), TO, 545, 1, CHANGE));
        assertThrows(WalletException.class, () -> b.build(coins(1_000_000), TO, 10_000, 0, CHANGE));
    }
}
