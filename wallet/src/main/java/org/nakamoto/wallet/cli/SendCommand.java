package org.nakamoto.wallet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.wallet.WalletException;
import org.nakamoto.chain.model.SegwitAddress;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.KeyPath;
import org.nakamoto.wallet.account.Keychain;
import org.nakamoto.wallet.coins.Payment;
import org.nakamoto.wallet.coins.PaymentBuilder;
import org.nakamoto.wallet.coins.WalletCoin;
import org.nakamoto.wallet.coins.WalletView;
import org.nakamoto.wallet.file.HistoryEntry;
import org.nakamoto.wallet.file.WalletFile;
import org.nakamoto.wallet.file.WalletStore;
import org.nakamoto.wallet.rpc.NodeRpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code send ADDRESS AMOUNT}: pays from confirmed, mature coins, with change to a fresh change address
 * (of the --address-type, else of the payment's kind, as Core chooses change) and a fee of exactly the fee rate times the signed size; every input is verified by the script
 * interpreter before the node sees it. Everything that can be refused (address, amount, password, funds)
 * is checked before anything is written or broadcast; the wallet file changes only after the node accepted
 * the transaction.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Pay AMOUNT coins to ADDRESS; prints the transaction id.")
final class SendCommand implements Runnable {
    static final long DEFAULT_FEE_RATE = 1;

    @ParentCommand
    NakamotoWallet root;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "Recipient: P2PKH, P2SH, bech32 or bech32m (taproot) address of this network")
    String addressText;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "Coins to send, e.g. 1.5")
    String amountText;

    @Option(names = "--fee-rate", paramLabel = "SAT_PER_BYTE", defaultValue = "1",
            description = "Fee in satoshis per virtual byte of the signed transaction (default: ${DEFAULT-VALUE})")
    long feeRate;

    @Override
    public void run() {
        NetworkParams params = root.params();
        Addresses.Destination dest = parseAddress(addressText, params);
        String to = Addresses.of(dest.scriptPubKey(), params).orElseThrow();
        long amount = AmountParser.parseSatoshis(amountText);
        if (feeRate < 1) {
            throw new WalletException("--fee-rate must be at least 1 sat/byte, got " + feeRate);
        }
        WalletStore store = root.store(params);
        WalletFile wallet = store.load();
        char[] password = root.password().existing();
        Keychain keys;
        try {
            keys = wallet.signingKeychain(params, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        NodeRpcClient rpc = root.rpc(params);
        // Nothing is written until the node has accepted the payment: a refused send leaves the file as it was.
        WalletView view = WalletSync.scanOnly(wallet, keys, rpc);
        List<WalletCoin> spendable = view.confirmed().stream()
                .filter(c -> c.spendable(params.coinbaseMaturity())).toList();
        int changeIndex = view.nextUnused()[KeyPath.CHANGE];
        AddressType changeType = root.addressTypeGiven() ? root.addressType(keys) : changeType(keys, dest);
        KeyPath changePath = KeyPath.fresh(changeType, KeyPath.CHANGE, changeIndex); // refuses at BIP32's limit
        Payment payment = new PaymentBuilder(keys).build(spendable, dest.scriptPubKey(), amount, feeRate,
                keys.address(changePath).scriptPubKey());

        JsonNode accepted = rpc.call("sendrawtransaction", Hex.encode(payment.tx().serialize()));
        String txid = payment.tx().txid().toString();
        if (!txid.equals(accepted.asText())) {
            throw new WalletException("the node accepted the transaction under another id (" + accepted.asText()
                    + ", expected " + txid + ")");
        }
        long now = System.currentTimeMillis() / 1000;
        WalletSync.record(store, view);
        store.update(w -> {
            WalletFile u = w.withHistory(List.of(HistoryEntry.sent(txid, to, amount, payment.feeSat(), now)));
            return payment.hasChange() ? u.withNextIndexAtLeast(KeyPath.CHANGE, changeIndex + 1) : u;
        });

        ObjectNode json = root.output().object()
                .put("txid", txid)
                .put("address", to)
                .put("amount", Output.coins(amount))
                .put("fee", Output.coins(payment.feeSat()))
                .put("fee_rate", feeRate)
                .put("size", payment.tx().size())
                .put("vsize", payment.tx().vsize())
                .put("inputs", payment.spent().size());
        if (payment.hasChange()) {
            json.put("change", Output.coins(payment.changeSat()))
                    .put("change_address", keys.address(changePath).toString());
        }
        root.output().emit(json, txid);
    }

    /**
     * The change type when --address-type is not given, as Core's {@code TransactionChangeType} without
     * {@code -changetype}: a pre-segwit wallet's change stays P2PKH; otherwise change looks like the payment
     * (taproot, P2WPKH, P2SH or P2PKH) when the wallet has that account, so that it does not stand out, and
     * else is taproot, or P2WPKH for a wallet without a taproot account.
     */
    static AddressType changeType(Keychain keys, Addresses.Destination dest) {
        if (keys.defaultType() == AddressType.LEGACY) {
            return AddressType.LEGACY;
        }
        AddressType like = switch (dest.kind()) {
            case P2PKH -> AddressType.LEGACY;
            case P2SH -> AddressType.P2SH_SEGWIT;
            case WITNESS -> dest.witness().map(w -> w.witnessVersion() == 1 && w.program().length == 32 ? AddressType.BECH32M
                    : w.witnessVersion() == 0 && w.program().length == SegwitAddress.P2WPKH_LENGTH ? AddressType.BECH32 : null)
                    .orElse(null);
        };
        if (like != null && keys.types().contains(like)) {
            return like;
        }
        return keys.types().contains(AddressType.BECH32M) ? AddressType.BECH32M : AddressType.BECH32;
    }

    /** @throws WalletException naming the problem: bad characters or checksum, wrong length, other network */
    static Addresses.Destination parseAddress(String text, NetworkParams params) {
        try {
            return Addresses.parse(text.strip(), params);
        } catch (ParseException | IllegalArgumentException e) {
            throw new WalletException("invalid " + params.name() + " address '" + text + "': " + e.getMessage());
        }
    }
}
