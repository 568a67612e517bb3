package org.nakamoto.wallet.coins;

import java.util.List;

/**
 * Virtual sizes of the wallet's transactions, for estimates only: the real fee is always computed from the
 * signed transaction's virtual size. Inputs by their coin's type (a P2PKH input is 148 bytes with a 72-byte
 * signature and a compressed key; P2WPKH 68 vbytes; P2SH-P2WPKH 91), outputs at the largest the wallet
 * pays (34 bytes, P2PKH), plus the segwit marker and flag (half a vbyte, counted as one).
 */
final class TxSizes {
    static final int OVERHEAD = 10;
    static final int P2PKH_INPUT = 148;
    static final int P2PKH_OUTPUT = 34;

    private TxSizes() {
    }

    /** Every input pay-to-pubkey-hash: an upper bound for any mix of the wallet's coins. */
    static int estimate(int inputs, int outputs) {
        return OVERHEAD + inputs * P2PKH_INPUT + outputs * P2PKH_OUTPUT;
    }

    static int estimate(List<WalletCoin> inputs, int outputs) {
        int v = OVERHEAD + 1 + outputs * P2PKH_OUTPUT;
        for (WalletCoin c : inputs) {
            v += c.path().type().inputVsize();
        }
        return v;
    }
}
