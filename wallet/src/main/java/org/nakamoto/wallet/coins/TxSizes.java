package org.nakamoto.wallet.coins;

import java.util.List;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.Script;
import org.nakamoto.wallet.account.AddressType;

/**
 * Virtual sizes of the wallet's transactions, for estimates only: the real fee is always computed from the
 * signed transaction's virtual size. Counted in weight units (BIP141) and rounded up to virtual bytes once,
 * at the end, because a taproot key-path input is 57.5 vbytes ({@link AddressType#inputWeight}): inputs by
 * their coin's type, outputs by their actual scripts (a P2TR output is 43 bytes, P2WPKH 31), the segwit
 * marker and flag once when any input has a witness, and then one empty-witness byte per P2PKH input.
 */
final class TxSizes {
    /** Version 4, input and output counts (1 byte each below 253 of them), lock time 4. */
    static final int BASE_BYTES = 10;
    /** The segwit marker and flag: 2 weight units. */
    static final int WITNESS_HEADER_WEIGHT = 2;

    private TxSizes() {
    }

    /** The estimated virtual size of spending {@code inputs} into outputs paying {@code outputs}. */
    static int estimate(List<WalletCoin> inputs, List<Script> outputs) {
        long weight = 4L * BASE_BYTES;
        int legacy = 0;
        for (WalletCoin c : inputs) {
            weight += c.path().type().inputWeight();
            legacy += c.path().type() == AddressType.LEGACY ? 1 : 0;
        }
        if (legacy < inputs.size()) {
            // A transaction with witnesses serializes a witness (here an empty one: one count byte) per input.
            weight += WITNESS_HEADER_WEIGHT + legacy;
        }
        for (Script s : outputs) {
            int n = s.unsafeBytes().length;
            weight += 4L * (8 + ByteWriter.compactSizeLength(n) + n);
        }
        return (int) ((weight + 3) / 4);
    }
}
