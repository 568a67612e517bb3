package org.nakamoto.wallet.coins;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nakamoto.chain.model.Amount;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.wallet.account.Keychain;

/**
 * Builds and signs a payment whose fee is exactly {@code feeRate} times its signed virtual size (BIP141's
 * weight / 4, rounded up, which is the plain size for transactions without witnesses). The size depends
 * on the signatures (a DER signature is 71 or 72 bytes, by chance), and the signatures depend on the change
 * amount, which depends on the fee; so it signs, measures, adjusts the fee and signs again until the fee
 * is stable. If the fee flips between two values, changing the first input's sequence number (unused by
 * consensus for version 1 transactions with lock time 0) gives new signatures and another chance. Change
 * worth less than the dust limit is left to the fee instead of creating an output nobody would spend.
 */
public final class PaymentBuilder {
    /** Bitcoin Core's dust threshold for a pay-to-pubkey-hash output; smaller outputs are non-standard there. */
    public static final long DUST_SAT = 546;
    private static final int MAX_ROUNDS = 10;
    private static final int MAX_SEQUENCE_TRIES = 16;

    private final Keychain keys;

    public PaymentBuilder(Keychain keys) {
        this.keys = keys;
    }

    /**
     * @param candidates spendable coins
     * @param to         the recipient's output script
     * @param amountSat  paid to the recipient, at least the dust limit
     * @param feeRate    satoshis per virtual byte of the signed transaction, at least 1
     * @param change     the output script for change
     * @throws InsufficientFundsException if all candidates do not cover amount and fee
     */
    public Payment build(List<WalletCoin> candidates, Script to, long amountSat, long feeRate, Script change) {
        if (amountSat < DUST_SAT || !Amount.inMoneyRange(amountSat)) {
            throw new WalletException("amount must be at least " + Amount.ofSat(DUST_SAT) + " (the dust limit), got "
                    + Amount.ofSat(amountSat));
        }
        if (feeRate < 1 || feeRate > 100_000) {
            throw new WalletException("fee rate must be 1..100000 sat/byte, got " + feeRate);
        }
        List<WalletCoin> ordered = CoinSelector.order(candidates);
        long spendable = ordered.stream().mapToLong(WalletCoin::valueSat).sum();
        int n = CoinSelector.countFor(ordered, amountSat, feeRate, List.of(to, change));
        if (n < 0) {
            throw new InsufficientFundsException(spendable, amountSat, feeRate);
        }
        for (; n <= ordered.size(); n++) {
            Payment p = tryInputs(ordered.subList(0, n), to, amountSat, feeRate, change);
            if (p != null) {
                return p;
            }
        }
        throw new InsufficientFundsException(spendable, amountSat, feeRate);
    }

    /** A payment from exactly these inputs, or null if they cannot pay amount and fee. */
    private Payment tryInputs(List<WalletCoin> inputs, Script to, long amountSat, long feeRate, Script change) {
        long total = inputs.stream().mapToLong(WalletCoin::valueSat).sum();
        for (int seqTry = 0; seqTry < MAX_SEQUENCE_TRIES; seqTry++) {
            long sequence = TxIn.SEQUENCE_FINAL - seqTry;
            long fee = feeRate * TxSizes.estimate(inputs, List.of(to, change));
            Set<Long> tried = new HashSet<>();
            for (int round = 0; round < MAX_ROUNDS && tried.add(fee); round++) {
                long changeSat = total - amountSat - fee;
                if (changeSat < 0) {
                    return null;
                }
                boolean withChange = changeSat >= DUST_SAT;
                Transaction tx = TransactionSigner.sign(unsigned(inputs, sequence, to, amountSat,
                        withChange ? change : null, changeSat), inputs, keys);
                long required = feeRate * tx.vsize();
                if (!withChange) {
                    // No change output: everything left is fee, which must still meet the rate.
                    return total - amountSat >= required
                            ? new Payment(tx, inputs, amountSat, total - amountSat, 0) : null;
                }
                if (required == fee) {
                    return new Payment(tx, inputs, amountSat, fee, changeSat);
                }
                fee = required;
            }
        }
        throw new WalletException("could not settle the fee for this payment (signature sizes kept changing);"
                + " try a different amount or fee rate");
    }

    private static Transaction unsigned(List<WalletCoin> inputs, long firstSequence, Script to, long amountSat,
            Script change, long changeSat) {
        Transaction.Builder b = new Transaction.Builder().version(1).lockTime(0);
        for (int i = 0; i < inputs.size(); i++) {
            b.addInput(new TxIn(inputs.get(i).outpoint(), Script.EMPTY, i == 0 ? firstSequence : TxIn.SEQUENCE_FINAL));
        }
        b.addOutput(amountSat, to);
        if (change != null) {
            b.addOutput(changeSat, change);
        }
        return b.build();
    }
}
