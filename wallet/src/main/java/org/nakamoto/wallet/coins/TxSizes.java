package org.nakamoto.wallet.coins;

/**
 * Serialized sizes of legacy pay-to-pubkey-hash transactions, for estimates only: the real fee is always
 * computed from the signed bytes. An input is 148 bytes with a 72-byte signature and a compressed key.
 */
final class TxSizes {
    static final int OVERHEAD = 10;
    static final int P2PKH_INPUT = 148;
    static final int P2PKH_OUTPUT = 34;

    private TxSizes() {
    }

    static int estimate(int inputs, int outputs) {
        return OVERHEAD + inputs * P2PKH_INPUT + outputs * P2PKH_OUTPUT;
    }
}
