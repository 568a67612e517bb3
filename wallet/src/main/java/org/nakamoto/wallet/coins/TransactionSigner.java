package org.nakamoto.wallet.coins;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.PrecomputedTxData;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.chain.script.TaprootSignatureHash;
import org.nakamoto.chain.script.TaprootSigner;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.Keychain;

/**
 * Signs every input of a transaction that spends wallet coins and then runs each input through the script
 * interpreter with the segwit and taproot rules, so a transaction that would not verify never leaves the
 * wallet. Pay-to-pubkey-hash coins get the legacy signature hash and a scriptSig; P2WPKH coins (native or
 * nested in P2SH) get BIP143's hash, which commits to the spent amount, and a witness {@code <sig> <pubkey>}
 * (plus, nested, a scriptSig pushing the witness program), both ECDSA with SIGHASH_ALL, RFC 6979, low S.
 * BIP86 taproot coins get a key-path witness of one 64-byte BIP340 signature with SIGHASH_DEFAULT, whose
 * BIP341 hash commits to every input's spent output, so signing needs all of them; BIP340's auxiliary
 * randomness is fresh for every signature. Stateless (SecureRandom is safe to share between threads).
 */
public final class TransactionSigner {
    private static final Set<ScriptFlag> FLAGS = EnumSet.of(ScriptFlag.P2SH, ScriptFlag.WITNESS, ScriptFlag.TAPROOT);
    private static final SecureRandom AUX_RANDOM = new SecureRandom();

    private TransactionSigner() {
    }

    /** @param spent the coin each input spends, in input order */
    public static Transaction sign(Transaction unsigned, List<WalletCoin> spent, Keychain keys) {
        if (spent.size() != unsigned.inputs().size()) {
            throw new IllegalArgumentException(spent.size() + " coins for " + unsigned.inputs().size() + " inputs");
        }
        Transaction.Builder b = unsigned.toBuilder();
        PrecomputedTxData data = new PrecomputedTxData(unsigned, spentOutputs(spent));
        for (int i = 0; i < spent.size(); i++) {
            WalletCoin coin = spent.get(i);
            TxIn in = unsigned.inputs().get(i);
            if (!in.prevout().equals(coin.outpoint())) {
                throw new IllegalArgumentException("input " + i + " spends " + in.prevout() + ", not " + coin.outpoint());
            }
            EcPrivateKey key = keys.privateKey(coin.path());
            byte[] pub = key.publicKeyBytes(true);
            AddressType type = coin.path().type();
            if (type == AddressType.LEGACY) {
                // The legacy sighash blanks every other scriptSig, so each input signs the unsigned transaction.
                byte[] sig = LegacySigner.sign(key, unsigned, i, coin.scriptPubKey(), SignatureHash.ALL);
                b.setInput(i, new TxIn(in.prevout(), StandardScripts.spendPayToPubKeyHash(sig, pub), in.sequence()));
            } else if (type == AddressType.BECH32M) {
                // BIP341 signs no scriptSig or witness either; the key path needs no script tree (BIP86).
                byte[] aux = new byte[32];
                AUX_RANDOM.nextBytes(aux);
                byte[] sig = TaprootSigner.signKeyPath(data, i, TaprootSignatureHash.DEFAULT, key, null, aux);
                b.setInput(i, new TxIn(in.prevout(), Script.EMPTY, in.sequence(), Witness.of(sig)));
            } else {
                // BIP143: the script code of P2WPKH is the P2PKH script of the key hash; no input's
                // scriptSig or witness is signed, so the unsigned transaction serves for every input.
                Script scriptCode = StandardScripts.payToPubKeyHash(org.nakamoto.chain.crypto.Hashes.hash160(pub));
                byte[] hash = SignatureHash.witnessV0(unsigned, i, scriptCode.unsafeBytes(), coin.valueSat(),
                        SignatureHash.ALL, data).toBytes();
                byte[] der = key.sign(hash).encodeDer();
                byte[] sig = new ByteWriter(der.length + 1).writeBytes(der).writeUint8(SignatureHash.ALL).toByteArray();
                Script scriptSig = type == AddressType.P2SH_SEGWIT
                        ? pushOnly(AddressType.p2wpkhProgram(pub).unsafeBytes()) : Script.EMPTY;
                b.setInput(i, new TxIn(in.prevout(), scriptSig, in.sequence(), Witness.of(sig, pub)));
            }
        }
        Transaction signed = b.build();
        verify(signed, spent);
        return signed;
    }

    /** A scriptSig of one direct push (the 22-byte redeem script of P2SH-P2WPKH). */
    private static Script pushOnly(byte[] data) {
        byte[] s = new byte[1 + data.length];
        s[0] = (byte) data.length;
        System.arraycopy(data, 0, s, 1, data.length);
        return Script.of(s);
    }

    /** The outputs the inputs spend, in input order, as BIP341's signature hash needs them. */
    static List<TxOut> spentOutputs(List<WalletCoin> spent) {
        return spent.stream().map(c -> new TxOut(c.valueSat(), c.scriptPubKey())).toList();
    }

    /** @throws IllegalStateException if any input fails to verify: a wallet bug, never to be broadcast */
    public static void verify(Transaction tx, List<WalletCoin> spent) {
        PrecomputedTxData data = new PrecomputedTxData(tx, spentOutputs(spent));
        for (int i = 0; i < spent.size(); i++) {
            WalletCoin c = spent.get(i);
            ScriptError e = ScriptVerifier.verifyInput(tx, i, c.scriptPubKey(), c.valueSat(), FLAGS, data);
            if (!e.isOk()) {
                throw new IllegalStateException("refusing to broadcast: input " + i + " of " + tx.txid()
                        + " does not verify (" + e + ")");
            }
        }
    }
}
