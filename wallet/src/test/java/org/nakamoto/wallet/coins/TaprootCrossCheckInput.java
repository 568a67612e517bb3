package org.nakamoto.wallet.coins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Script;
import org.nakamoto.wallet.account.AddressType;
import org.nakamoto.wallet.account.KeyPath;

/**
 * A tool, not a test: writes payments the wallet signs (taproot-only and mixed with every other input kind)
 * as JSON for {@code scripts/taproot-crosscheck.cjs}, whose output is the fixture
 * {@code taproot-crosscheck.json} that {@link TaprootCrossCheckTest} replays. Run with the wallet's test
 * class path: {@code java -cp ... org.nakamoto.wallet.coins.TaprootCrossCheckInput OUT.json}.
 */
final class TaprootCrossCheckInput {
    private TaprootCrossCheckInput() {
    }

    public static void main(String[] args) throws Exception {
        Script p2tr = PaymentBuilderTest.KEYS.address(new KeyPath(AddressType.BECH32M, KeyPath.RECEIVE, 7)).scriptPubKey();
        Script p2wpkh = PaymentBuilderTest.KEYS.address(new KeyPath(AddressType.BECH32, KeyPath.RECEIVE, 7)).scriptPubKey();
        Script p2pkh = Address.p2pkh(PaymentBuilderTest.REGTEST.pubKeyHashVersion(), new byte[20]).scriptPubKey();
        Script tapChange = PaymentBuilderTest.KEYS.address(new KeyPath(AddressType.BECH32M, KeyPath.CHANGE, 3)).scriptPubKey();
        PaymentBuilder builder = new PaymentBuilder(PaymentBuilderTest.KEYS);
        ArrayNode txs = new ObjectMapper().createArrayNode();
        add(txs, "one taproot coin to a taproot address, taproot change",
                builder.build(List.of(PaymentBuilderTest.coin(AddressType.BECH32M, 0, 5_000_000)), p2tr, 1_234_567, 3, tapChange));
        add(txs, "three taproot coins to a P2WPKH address",
                builder.build(List.of(PaymentBuilderTest.coin(AddressType.BECH32M, 1, 400_000),
                        PaymentBuilderTest.coin(AddressType.BECH32M, 2, 300_000),
                        PaymentBuilderTest.coin(AddressType.BECH32M, 3, 200_000)), p2wpkh, 850_000, 5, tapChange));
        add(txs, "P2TR + P2WPKH + P2SH-P2WPKH + P2PKH + P2TR inputs to a P2PKH address",
                builder.build(List.of(PaymentBuilderTest.coin(AddressType.BECH32M, 4, 900_000),
                        PaymentBuilderTest.coin(AddressType.BECH32, 5, 800_000),
                        PaymentBuilderTest.coin(AddressType.P2SH_SEGWIT, 6, 700_000),
                        PaymentBuilderTest.coin(AddressType.LEGACY, 7, 600_000),
                        PaymentBuilderTest.coin(AddressType.BECH32M, 8, 500_000)), p2pkh, 3_400_000, 2, tapChange));
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("made_by", "nakamoto wallet PaymentBuilder/TransactionSigner (TaprootCrossCheckInput), regtest keys of"
                + " the all-abandon mnemonic");
        root.set("transactions", txs);
        Files.write(Path.of(args[0]), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root));
    }

    private static void add(ArrayNode txs, String what, Payment p) {
        ObjectNode t = txs.addObject().put("what", what).put("txid", p.tx().txid().toString())
                .put("hex", Hex.encode(p.tx().serialize()));
        ArrayNode prevouts = t.putArray("prevouts");
        for (WalletCoin c : p.spent()) {
            ObjectNode o = prevouts.addObject().put("value", c.valueSat())
                    .put("scriptPubKey", Hex.encode(c.scriptPubKey().bytes())).put("type", c.path().type().option());
            if (c.path().type() == AddressType.BECH32M) {
                o.put("internal_key", Hex.encode(AddressType.xOnly(PaymentBuilderTest.KEYS.publicKey(c.path()))));
            }
        }
    }
}
