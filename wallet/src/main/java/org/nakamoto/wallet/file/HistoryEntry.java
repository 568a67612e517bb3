package org.nakamoto.wallet.file;

/**
 * One line of the wallet's own history: a payment it received (one output) or a transaction it sent. The
 * UTXO set forgets outputs once they are spent, so the wallet writes down what it has seen.
 *
 * @param kind      "receive" or "send"
 * @param txid      the transaction
 * @param vout      the received output, or -1 for a send
 * @param address   the address paid (ours for a receive, the recipient's for a send)
 * @param amountSat satoshis received, or sent to the recipient
 * @param feeSat    the fee of a send; 0 for a receive
 * @param firstSeen Unix seconds when this wallet first saw it
 */
public record HistoryEntry(String kind, String txid, long vout, String address, long amountSat, long feeSat,
        long firstSeen) {
    public static final String RECEIVE = "receive";
    public static final String SEND = "send";

    public static HistoryEntry received(String txid, long vout, String address, long amountSat, long now) {
        return new HistoryEntry(RECEIVE, txid, vout, address, amountSat, 0, now);
    }

    public static HistoryEntry sent(String txid, String address, long amountSat, long feeSat, long now) {
        return new HistoryEntry(SEND, txid, -1, address, amountSat, feeSat, now);
    }

    /** What makes two entries the same event: the output for a receive, the transaction for a send. */
    public String key() {
        return kind + ":" + txid + ":" + vout;
    }
}
