package org.nakamoto.wallet.coins;

import java.util.EnumSet;
import java.util.List;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptVerifier;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;
import org.nakamoto.wallet.account.Keychain;

/**
 * Signs every input of a transaction that spends wallet coins (SIGHASH_ALL, legacy signature hash,
 * RFC 6979 low-S via {@link LegacySigner}) and then runs each input through the script interpreter, so a
 * transaction that would not verify never leaves the wallet. Stateless.
 */
public final class TransactionSigner {
    private TransactionSigner() {
    }

    /** @param spent the coin each input spends, in input order */
    public static Transaction sign(Transaction unsigned, List<WalletCoin> spent, Keychain keys) {
        if (spent.size() != unsigned.inputs().size()) {
            throw new IllegalArgumentException(spent.size() + " coins for " + unsigned.inputs().size() + " inputs");
        }
        Transaction.Builder b = unsigned.toBuilder();
        for (int i = 0; i < spent.size(); i++) {
            WalletCoin coin = spent.get(i);
            TxIn in = unsigned.inputs().get(i);
            if (!in.prevout().equals(coin.outpoint())) {
                throw new IllegalArgumentException("input " + i + " spends " + in.prevout() + ", not " + coin.outpoint());
            }
            EcPrivateKey key = keys.privateKey(coin.path());
            // The legacy sighash blanks every other scriptSig, so each input signs the unsigned transaction.
            byte[] sig = LegacySigner.sign(key, unsigned, i, coin.scriptPubKey(), SignatureHash.ALL);
            b.setInput(i, new TxIn(in.prevout(), StandardScripts.spendPayToPubKeyHash(sig, key.publicKeyBytes(true)),
                    in.sequence()));
        }
        Transaction signed = b.build();
        verify(signed, spent);
        return signed;
    }

    /** @throws IllegalStateException if any input fails to verify: a wallet bug, never to be broadcast */
    public static void verify(Transaction tx, List<WalletCoin> spent) {
        for (int i = 0; i < spent.size(); i++) {
            ScriptError e = ScriptVerifier.verifyInput(tx, i, spent.get(i).scriptPubKey(), EnumSet.of(ScriptFlag.P2SH));
            if (!e.isOk()) {
                throw new IllegalStateException("refusing to broadcast: input " + i + " of " + tx.txid()
                        + " does not verify (" + e + ")");
            }
        }
    }
}
