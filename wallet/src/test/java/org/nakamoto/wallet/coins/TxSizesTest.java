package org.nakamoto.wallet.coins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.KeyPath;

/** The estimator against signed transactions: exact where signatures have one size, an upper bound otherwise. */
class TxSizesTest {
    static Script change(AddressType t) {
        return PaymentBuilderTest.KEYS.address(new KeyPath(t, KeyPath.CHANGE, 0)).scriptPubKey();
    }

    @Test
    void taprootKeyPathInputsAre57AndAHalfVbytesAndOutputs43Bytes() {
        assertEquals(230, AddressType.BECH32M.inputWeight(), "41 bytes x 4 + 66 witness bytes");
        assertEquals(43, AddressType.BECH32M.outputSize());
        assertEquals(43, 8 + change(AddressType.BECH32M).length() + 1);
        List<WalletCoin> coins = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            coins.add(PaymentBuilderTest.coin(AddressType.BECH32M, n, 1_000_000));
            // 10 + 1 (marker and flag, rounded up with the halves) + 57.5 per input + 2 x 43
            assertEquals((40 + 2 + 230 * n + 4 * 86 + 3) / 4,
                    TxSizes.estimate(coins, List.of(change(AddressType.BECH32M), change(AddressType.BECH32M))));
        }
    }

    /** Schnorr signatures are always 64 bytes: for taproot coins the estimate is the signed size, exactly. */
    @Test
    void exactForTaprootOnlyPayments() {
        Script to = change(AddressType.BECH32M);
        List<WalletCoin> coins = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            coins.add(PaymentBuilderTest.coin(AddressType.BECH32M, n, 100_000));
            Payment p = new PaymentBuilder(PaymentBuilderTest.KEYS).build(coins, to, 100_000L * (n - 1) + 50_000, 2,
                    change(AddressType.BECH32M));
            assertEquals(n, p.spent().size());
            assertEquals(p.tx().vsize(), TxSizes.estimate(p.spent(), List.of(to, change(AddressType.BECH32M))));
        }
    }

    /** With ECDSA inputs (72-byte signatures assumed, 71 often signed) the estimate never falls short. */
    @Test
    void anUpperBoundWithinAFewBytesForMixedPayments() {
        AddressType[] types = AddressType.values();
        for (int mask = 1; mask < 1 << types.length; mask++) {
            List<WalletCoin> coins = new ArrayList<>();
            for (int t = 0; t < types.length; t++) {
                if ((mask & 1 << t) != 0) {
                    coins.add(PaymentBuilderTest.coin(types[t], t + 10 * mask, 1_000_000));
                }
            }
            for (AddressType out : types) {
                Script to = change(out);
                Transaction tx = TransactionSigner.sign(unsignedSpending(coins, to), coins, PaymentBuilderTest.KEYS);
                int estimate = TxSizes.estimate(coins, List.of(to));
                assertTrue(estimate >= tx.vsize() && estimate <= tx.vsize() + coins.size(),
                        "estimate " + estimate + ", signed " + tx.vsize() + " for " + coins + " to " + out);
            }
        }
    }

    private static Transaction unsignedSpending(List<WalletCoin> coins, Script to) {
        Transaction.Builder b = new Transaction.Builder().version(1).lockTime(0);
        coins.forEach(c -> b.addInput(new org.nakamoto.chain.model.TxIn(c.outpoint(), Script.EMPTY,
                org.nakamoto.chain.model.TxIn.SEQUENCE_FINAL)));
        b.addOutput(10_000, to);
        return b.build();
    }
}
