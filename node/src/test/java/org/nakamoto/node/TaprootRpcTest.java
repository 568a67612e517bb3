package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.node.CoreRpcClient.q;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.Bech32;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.EcPrivateKey;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Address;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.script.LegacySigner;
import org.nakamoto.chain.script.SignatureHash;
import org.nakamoto.chain.script.StandardScripts;

/**
 * Witness v1+ outputs through a real regtest nakamotod, field by field against what Bitcoin Core prints:
 * coinbases paid to taproot output keys whose scriptPubKey objects Core printed (asm, desc with its checksum,
 * hex, address, type) in getblock 2 and 3, gettxout and getrawtransaction; addresses an independent library
 * derived (the chain module's independent/taproot-addresses.json) found by scantxoutset tr(KEY); a spend
 * paying taproot, v2 and anchor outputs in decoderawtransaction, and getblock 3's and getrawtransaction 2's prevout and fee;
 * decodescript's wrapping rules, with a script Core decoded; validateaddress's fields and errors.
 */
class TaprootRpcTest {
    static final EcPrivateKey KEY = EcPrivateKey.of(BigInteger.valueOf(350));
    static final Address P2PKH = Address.fromPublicKey(111, KEY.publicKeyBytes(true));
    /** Regtest scriptPubKeys Core printed: output key, rawtr checksum, address. */
    static final String[][] CORE = {
        {"9bcbd366c542d77635150211f6283d3ff4d9979d312cdf42e4bbd047aa77d961", "q2ud38tc",
            "bcrt1pn09axek9gtthvdg4qgglv2pa8l6dn9uaxykd7shyh0gy02nhm9sslp6ha5"},
        {"83b591cd94083108f40e0b99fdfb2ed5ff5de7142049b4ba82bc8398247a5c06", "v7zanhk5",
            "bcrt1psw6ernv5pqcs3aqwpwvlm7ew6hl4mec5ypymfw5zhjpesfr6tsrq4x9mqn"},
        {"5591e82cac67f901bf9bd51deff256d2ec4980ec6cb10ed6e44f92d00d88265f", "43dasd0z",
            "bcrt1p2kg7st9vvlusr0um65w7lujk6tkynq8vdjcsa4hyf7fdqrvgye0sdgyeac"}};

    @TempDir
    static Path tmp;
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(tmp.resolve("n"), "regtest", List.of());
        node.result("generatetoaddress", "101", q(P2PKH.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    static void assertFields(JsonNode o, String... names) {
        List<String> actual = new ArrayList<>();
        o.fieldNames().forEachRemaining(actual::add);
        assertEquals(List.of(names), actual, "fields, in Core's order, of " + o);
    }

    static void assertCoreTaproot(String[] core, JsonNode spk) {
        assertFields(spk, "asm", "desc", "hex", "address", "type");
        assertEquals("1 " + core[0], spk.get("asm").textValue());
        assertEquals("rawtr(" + core[0] + ")#" + core[1], spk.get("desc").textValue());
        assertEquals("5120" + core[0], spk.get("hex").textValue());
        assertEquals(core[2], spk.get("address").textValue());
        assertEquals("witness_v1_taproot", spk.get("type").textValue());
    }

    @Test
    void coinbasesPaidToTaprootShowWhatCorePrinted() throws Exception {
        for (String[] core : CORE) {
            String hash = node.result("generatetoaddress", "1", q(core[2])).get(0).textValue();
            JsonNode tx = node.result("getblock", q(hash), "2").get("tx").get(0);
            assertCoreTaproot(core, tx.get("vout").get(0).get("scriptPubKey"));
            assertCoreTaproot(core, node.result("getblock", q(hash), "3").get("tx").get(0).get("vout").get(0).get("scriptPubKey"));
            String txid = tx.get("txid").textValue();
            assertCoreTaproot(core, node.result("gettxout", q(txid), "0").get("scriptPubKey"));
            assertCoreTaproot(core, node.result("getrawtransaction", q(txid), "true", q(hash)).get("vout").get(0).get("scriptPubKey"));
            JsonNode scan = node.result("scantxoutset", q("start"), "[" + q("rawtr(" + core[0] + ")#" + core[1]) + "]");
            assertFalse(scan.get("unspents").isEmpty(), "another test may pay the same key too");
            // Core's scantxoutset names a match with the key's origin as its pubkey provider records it (the first
            // 4 bytes of the key's hash160), unlike the scriptPubKey objects above where no key is known.
            String named = "rawtr([" + ownFingerprint(core[0]) + "]" + core[0] + ")";
            for (JsonNode u : scan.get("unspents")) {
                assertEquals(org.nakamoto.chain.codec.DescriptorChecksum.append(named), u.get("desc").textValue());
            }
        }
    }

    /** The origin Core's ConstPubkeyProvider gives an x-only key: hash160 of its even-y form, first 4 bytes. */
    static String ownFingerprint(String xOnlyHex) {
        return Hex.encode(java.util.Arrays.copyOf(Hashes.hash160(Hex.decode("02" + xOnlyHex)), 4));
    }

    @Test
    void trKeyFindsWhatAnIndependentLibraryDerived() throws Exception {
        JsonNode fixture;
        try (InputStream in = TaprootRpcTest.class.getResourceAsStream("/independent/taproot-addresses.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        int n = 0;
        for (JsonNode row : fixture.get("taproot")) {
            if (!row.get("chain").asText().equals("regtest") || n == 3) {
                continue;
            }
            node.result("generatetoaddress", "1", q(row.get("address").asText()));
            String internal = row.get("internalKey").asText();
            JsonNode scan = node.result("scantxoutset", q("start"), "[" + q("tr(" + internal + ")") + "]");
            assertEquals(1, scan.get("unspents").size(), internal);
            JsonNode u = scan.get("unspents").get(0);
            assertEquals(row.get("scriptPubKey").asText(), u.get("scriptPubKey").textValue());
            assertTrue(u.get("desc").textValue().startsWith("tr([" + ownFingerprint(internal) + "]" + internal + ")#"), u.toString());
            JsonNode v = node.result("validateaddress", q(row.get("address").asText()));
            assertEquals(row.get("outputKey").asText(), v.get("witness_program").textValue());
            n++;
        }
        assertEquals(3, n);
    }

    @Test
    void aSpendToTaprootUnknownAndAnchorOutputs() throws Exception {
        String[] core = CORE[0];
        Hash256 coinbase = Hash256.fromHex(node.result("getblock", q(node.result("getblockhash", "1").textValue()), "1")
                .get("tx").get(0).textValue());
        String v2Program = "751e76e8199196d454941c45d1b3a323";
        Script paid = P2PKH.scriptPubKey();
        Transaction unsigned = new Transaction.Builder()
                .addInput(new OutPoint(coinbase, 0), Script.EMPTY)
                .addOutput(10_0000_0000L, Script.fromHex("5120" + core[0]))
                .addOutput(10_0000_0000L, Script.fromHex("5210" + v2Program))
                .addOutput(1000, Script.fromHex("51024e73"))
                .addOutput(29_9999_0000L - 1000, paid).build();
        byte[] sig = LegacySigner.sign(KEY, unsigned, 0, paid, SignatureHash.ALL);
        Transaction tx = unsigned.toBuilder().setInput(0, new TxIn(new OutPoint(coinbase, 0),
                StandardScripts.spendPayToPubKeyHash(sig, KEY.publicKeyBytes(true)), TxIn.SEQUENCE_FINAL)).build();
        String hex = Hex.encode(tx.serialize());

        JsonNode decoded = node.result("decoderawtransaction", q(hex));
        assertCoreTaproot(core, decoded.get("vout").get(0).get("scriptPubKey"));
        JsonNode v2 = decoded.get("vout").get(1).get("scriptPubKey");
        assertFields(v2, "asm", "desc", "hex", "address", "type");
        assertEquals("witness_unknown", v2.get("type").textValue());
        assertEquals("2 " + v2Program, v2.get("asm").textValue());
        String v2Address = v2.get("address").textValue();
        assertEquals(Bech32.Encoding.BECH32M, Bech32.decode(v2Address).encoding());
        assertTrue(v2Address.startsWith("bcrt1z"), v2Address);
        assertTrue(v2.get("desc").textValue().startsWith("addr(" + v2Address + ")#"));
        assertEquals("anchor", decoded.get("vout").get(2).get("scriptPubKey").get("type").textValue());

        assertEquals(tx.txid().toString(), node.result("sendrawtransaction", q(hex)).textValue());
        String hash = node.result("generatetoaddress", "1", q(P2PKH.toString())).get(0).textValue();
        JsonNode two = node.result("getblock", q(hash), "2").get("tx").get(1);
        assertFields(two, "txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout", "fee", "hex");
        assertEquals(0, new BigDecimal("0.0001").compareTo(two.get("fee").decimalValue()), two.toString());
        assertFields(two.get("vin").get(0), "txid", "vout", "scriptSig", "sequence");
        JsonNode three = node.result("getblock", q(hash), "3").get("tx").get(1);
        assertFields(three.get("vin").get(0), "txid", "vout", "scriptSig", "prevout", "sequence");
        JsonNode prevout = three.get("vin").get(0).get("prevout");
        assertFields(prevout, "generated", "height", "value", "scriptPubKey");
        assertTrue(prevout.get("generated").booleanValue());
        assertEquals(1, prevout.get("height").intValue());
        assertEquals(0, new BigDecimal("50").compareTo(prevout.get("value").decimalValue()));
        assertEquals("pubkeyhash", prevout.get("scriptPubKey").get("type").textValue());
        assertEquals(P2PKH.toString(), prevout.get("scriptPubKey").get("address").textValue());
        assertCoreTaproot(core, three.get("vout").get(0).get("scriptPubKey"));
        assertFalse(node.result("getblock", q(hash), "3").get("tx").get(0).has("fee"), "a coinbase has no fee");
        JsonNode raw = node.result("getrawtransaction", q(tx.txid().toString()), "2", q(hash));
        assertFields(raw, "in_active_chain", "txid", "hash", "version", "size", "vsize", "weight", "locktime", "vin", "vout",
                "fee", "hex", "blockhash", "confirmations", "time", "blocktime");
        assertEquals(prevout, raw.get("vin").get(0).get("prevout"));
        assertFalse(node.result("getrawtransaction", q(tx.txid().toString()), "1", q(hash)).has("fee"), "verbosity 1: no undo read");
    }

    @Test
    void decodescriptWrapsWhatCoreWraps() throws Exception {
        // Core's decodescript of an HTLC on testnet (same Base58 versions as regtest), as a tutorial quotes it: its
        // p2sh, segwit program and p2sh-segwit agree. (Its asm says OP_HASH160 for byte 0xaa, which Core names
        // OP_HASH256: the quote was edited by hand there, so asm is checked against Core's opcode names instead.)
        String htlc = "63aa20d5c91f1deccd50ae0a384b9b1ec44140af96a972ffc1ab8863a1e607b838885a882103d66199f0dd6bbd161cd4a854cd238a4"
                + "dbebf2d0cf1133180797e1270dac3e528675ab2752103760b5a28bb264ca5b310d766ad3a095c9f866fe9a0b38b8079ca350c6a3e334768ac";
        JsonNode d = node.result("decodescript", q(htlc));
        assertFields(d, "asm", "desc", "type", "p2sh", "segwit");
        assertEquals("OP_IF OP_HASH256 d5c91f1deccd50ae0a384b9b1ec44140af96a972ffc1ab8863a1e607b838885a OP_EQUALVERIFY "
                + "03d66199f0dd6bbd161cd4a854cd238a4dbebf2d0cf1133180797e1270dac3e528 OP_ELSE 10 OP_CHECKSEQUENCEVERIFY OP_DROP "
                + "03760b5a28bb264ca5b310d766ad3a095c9f866fe9a0b38b8079ca350c6a3e3347 OP_ENDIF OP_CHECKSIG", d.get("asm").textValue());
        assertEquals("nonstandard", d.get("type").textValue());
        assertEquals("2N6JDe6QMzk2eMMrFrDvzbpbL2z5nU9vsPy", d.get("p2sh").textValue());
        JsonNode segwit = d.get("segwit");
        assertFields(segwit, "asm", "desc", "hex", "address", "type", "p2sh-segwit");
        assertEquals("0 b643cda12f82884ba4dd8c834a638f11e5afbef415b885808686cbea2fdc5c49", segwit.get("asm").textValue());
        assertEquals("0020b643cda12f82884ba4dd8c834a638f11e5afbef415b885808686cbea2fdc5c49", segwit.get("hex").textValue());
        assertEquals("witness_v0_scripthash", segwit.get("type").textValue());
        assertEquals("2N3jAsJhZXBheumeUWric3RjziGND292BnC", segwit.get("p2sh-segwit").textValue());

        // Witness v1 programs are never wrapped: Core shows the four fields of the script alone.
        String[] core = CORE[1];
        JsonNode tr = node.result("decodescript", q("5120" + core[0]));
        assertFields(tr, "asm", "desc", "address", "type");
        assertEquals("rawtr(" + core[0] + ")#" + core[1], tr.get("desc").textValue());
        assertEquals(core[2], tr.get("address").textValue());
        assertEquals("witness_v1_taproot", tr.get("type").textValue());
        assertFields(node.result("decodescript", q("5210751e76e8199196d454941c45d1b3a323")), "asm", "desc", "address", "type");
        assertFields(node.result("decodescript", q("51024e73")), "asm", "desc", "address", "type");

        // A key hash: P2SH and a P2WPKH; a v0 program: P2SH only; an uncompressed key: P2SH only; nulldata: neither.
        String pkh = Hex.encode(P2PKH.scriptPubKey().unsafeBytes());
        JsonNode k = node.result("decodescript", q(pkh));
        assertEquals("witness_v0_keyhash", k.get("segwit").get("type").textValue());
        assertEquals("0014" + Hex.encode(Hashes.hash160(KEY.publicKeyBytes(true))), k.get("segwit").get("hex").textValue());
        assertFields(node.result("decodescript", q("0014" + "11".repeat(20))), "asm", "desc", "address", "type", "p2sh");
        String uncompressed = Hex.encode(KEY.publicKeyBytes(false));
        assertFields(node.result("decodescript", q("41" + uncompressed + "ac")), "asm", "desc", "type", "p2sh");
        assertFields(node.result("decodescript", q("6a0401020304")), "asm", "desc", "type");
        // Bare multisig of compressed keys: its P2WSH is described by its contents.
        String key = Hex.encode(KEY.publicKeyBytes(true));
        JsonNode multi = node.result("decodescript", q("5121" + key + "51ae"));
        assertTrue(multi.get("segwit").get("desc").textValue().startsWith("wsh(multi(1," + key + "))#"), multi.toString());
        String help = node.result("help", q("decodescript")).textValue();
        assertTrue(help.startsWith("decodescript") && help.contains("Result:"), help);
    }

    @Test
    void validateaddressForWitnessV1AndLater() throws Exception {
        String[] core = CORE[2];
        JsonNode tr = node.result("validateaddress", q(core[2].toUpperCase(java.util.Locale.ROOT)));
        assertFields(tr, "isvalid", "address", "scriptPubKey", "isscript", "iswitness", "witness_version", "witness_program");
        assertTrue(tr.get("isvalid").booleanValue());
        assertEquals(core[2], tr.get("address").textValue(), "the canonical lower-case form");
        assertEquals("5120" + core[0], tr.get("scriptPubKey").textValue());
        assertTrue(tr.get("isscript").booleanValue(), "Core's DescribeAddress calls taproot a script");
        assertTrue(tr.get("iswitness").booleanValue());
        assertEquals(1, tr.get("witness_version").intValue());
        assertEquals(core[0], tr.get("witness_program").textValue());

        JsonNode v2 = node.result("validateaddress", q(Bech32.encode("bcrt", new byte[] {2, 0, 0, 0, 0}, Bech32.Encoding.BECH32M)));
        assertFields(v2, "isvalid", "address", "scriptPubKey", "iswitness", "witness_version", "witness_program");
        assertEquals(2, v2.get("witness_version").intValue());

        JsonNode anchor = node.result("validateaddress", q(Bech32.encode("bcrt", five(1, "4e73"), Bech32.Encoding.BECH32M)));
        assertFields(anchor, "isvalid", "address", "scriptPubKey", "isscript", "iswitness");
        assertEquals("51024e73", anchor.get("scriptPubKey").textValue());
        assertTrue(anchor.get("isscript").booleanValue());

        assertInvalid(Bech32.encode("bcrt", five(1, core[0]), Bech32.Encoding.BECH32),
                "Version 1+ witness address must use Bech32m checksum", List.of());
        assertInvalid(Bech32.encode("bcrt", five(0, "11".repeat(20)), Bech32.Encoding.BECH32M),
                "Version 0 witness address must use Bech32 checksum", List.of());
        int at = core[2].length() - 10;
        String typo = core[2].substring(0, at) + (core[2].charAt(at) == 'q' ? 'p' : 'q') + core[2].substring(at + 1);
        assertInvalid(typo, "Bech32(m) address decoded with error: Invalid Bech32m checksum", List.of(at));
        assertInvalid("bc1p8w9n4v298668ut2fqwukxamxsr3ssc7lxcja8e6zjgec4euj3ksswckxz6",
                "Invalid or unsupported prefix for Segwit (Bech32) address (expected bcrt, got bc)", List.of());
        assertInvalid(Bech32.encode("bcrt", five(1, "75"), Bech32.Encoding.BECH32M), "Invalid Bech32 address program size (1 byte)",
                List.of());
    }

    private static byte[] five(int version, String programHex) {
        byte[] p = Bech32.convertBits(Hex.decode(programHex), 8, 5, true);
        byte[] d = new byte[p.length + 1];
        d[0] = (byte) version;
        System.arraycopy(p, 0, d, 1, p.length);
        return d;
    }

    private static void assertInvalid(String address, String error, List<Integer> locations) throws Exception {
        JsonNode v = node.result("validateaddress", q(address));
        assertFields(v, "isvalid", "error_locations", "error");
        assertFalse(v.get("isvalid").booleanValue());
        assertEquals(error, v.get("error").textValue(), address);
        List<Integer> actual = new ArrayList<>();
        v.get("error_locations").forEach(i -> actual.add(i.intValue()));
        assertEquals(locations, actual, address);
    }
}
