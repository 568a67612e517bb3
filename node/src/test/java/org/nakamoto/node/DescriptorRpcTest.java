package org.nakamoto.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nakamoto.node.CoreRpcClient.q;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nakamoto.chain.codec.DescriptorChecksum;
import org.nakamoto.wallet.keys.Bip32Versions;
import org.nakamoto.wallet.keys.ExtendedPublicKey;

/**
 * getdescriptorinfo and deriveaddresses through a real regtest nakamotod, against what Bitcoin Core answers: its
 * RPC examples, its functional tests rpc_getdescriptorinfo.py and rpc_deriveaddresses.py (the descriptors nakamoto
 * supports, with Core's addresses, checksums and errors), and BIP86's addresses through a tr() descriptor.
 */
class DescriptorRpcTest {
    /** rpc_deriveaddresses.py's key, as tprv and as its tpub, and the address of its child 1/1/0 on regtest. */
    static final String TPRV = "tprv8ZgxMBicQKsPd7Uf69XL1XwhmjHopUGep8GuEiJDZmbQz6o58LninorQAfcKZWARbtRtfnLcJ5MQ2AtHcQJCCRUcMRvmDUjyEmNUWwx8UbK";
    static final String TPUB = "tpubD6NzVbkrYhZ4WaWSyoBvQwbpLkojyoTZPRsgXELWz3Popb3qkjcJyJUGLnL4qHHoQvao8ESaAstxYSnhyswJ76uZPStJRJCTKvosUCJZL5B";
    static final String ADDRESS_110 = "bcrt1qjqmxmkpmxt80xz4y3746zgt0q3u3ferr34acd5";
    static final String ADDRESS_111 = "bcrt1qhku5rq7jz8ulufe2y6fkcpnlvpsta7rq4442dy";
    static final String ADDRESS_112 = "bcrt1qpgptk2gvshyl0s9lqshsmx932l9ccsv265tvaq";

    @TempDir
    static Path tmp;
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start(tmp.resolve("n"), "regtest", List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    static String descsum(String desc) {
        return DescriptorChecksum.append(desc);
    }

    /** The error of a call that must fail, checked for Core's code and message. */
    static void assertError(int code, String message, String method, String... params) throws Exception {
        JsonNode reply = node.rpc().call(method, params);
        assertTrue(reply.path("result").isNull(), reply.toString());
        assertEquals(code, reply.path("error").path("code").intValue(), reply.toString());
        assertEquals(message, reply.path("error").path("message").textValue(), reply.toString());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.textValue()));
        return out;
    }

    /** rpc_getdescriptorinfo.py's test_desc: the same answer with and without checksum, Core's canonical form. */
    static JsonNode assertInfo(String desc, boolean isrange, boolean issolvable, boolean hasprivatekeys) throws Exception {
        JsonNode info = node.result("getdescriptorinfo", q(desc));
        List<String> fields = new ArrayList<>();
        info.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("descriptor", "checksum", "isrange", "issolvable", "hasprivatekeys"), fields);
        assertEquals(info, node.result("getdescriptorinfo", q(descsum(desc))), desc);
        assertEquals(descsum(desc), info.get("descriptor").textValue());
        assertEquals(DescriptorChecksum.of(desc), info.get("checksum").textValue());
        assertEquals(isrange, info.get("isrange").booleanValue(), desc);
        assertEquals(issolvable, info.get("issolvable").booleanValue(), desc);
        assertEquals(hasprivatekeys, info.get("hasprivatekeys").booleanValue(), desc);
        return info;
    }

    @Test
    void getdescriptorinfoAsCoreAnswersIt() throws Exception {
        // Core's RPC example: the checksum is of the input as written (mixed case), the descriptor is normalized.
        JsonNode example = node.result("getdescriptorinfo",
                q("wpkh([d34db33f/84h/0h/0h]0279be667ef9dcbbac55a06295Ce870b07029Bfcdb2dce28d959f2815b16f81798)"));
        assertEquals("qwlqgth7", example.get("checksum").textValue());
        assertEquals("wpkh([d34db33f/84h/0h/0h]0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)#5fp02c75",
                example.get("descriptor").textValue());
        assertFalse(example.get("isrange").booleanValue());
        assertTrue(example.get("issolvable").booleanValue());
        assertFalse(example.get("hasprivatekeys").booleanValue());

        // rpc_getdescriptorinfo.py, every case of a function nakamoto supports.
        assertInfo("pk(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)", false, true, false);
        assertInfo("pkh(02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5)", false, true, false);
        assertInfo("wpkh(02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9)", false, true, false);
        assertInfo("sh(wpkh(03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556))", false, true, false);
        assertInfo("pk(" + TPUB + ")", false, true, false);
        assertInfo("pkh(" + TPUB + "/1'/2)", false, true, false);
        assertInfo("pkh([d34db33f/44'/0'/0']" + TPUB + "/1/*)", true, true, false);
        // And the rest: taproot, raw, addr (not solvable), hardened ranges.
        assertInfo("tr(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)", false, true, false);
        assertInfo("tr([d34db33f/86h/1h/0h]" + TPUB + "/0/*)", true, true, false);
        assertInfo("rawtr(a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd)", false, true, false);
        assertInfo("raw(deadbeef)", false, false, false);
        assertInfo("addr(" + ADDRESS_110 + ")", false, false, false);
        assertInfo("wpkh(" + TPUB + "/0h/*h)", true, true, false);
        // Canonical forms: an address as EncodeDestination writes it, hex in lower case; the checksum is the input's.
        String upper = "addr(" + ADDRESS_110.toUpperCase(java.util.Locale.ROOT) + ")";
        JsonNode addr = node.result("getdescriptorinfo", q(upper));
        assertEquals(descsum("addr(" + ADDRESS_110 + ")"), addr.get("descriptor").textValue());
        assertEquals(DescriptorChecksum.of(upper), addr.get("checksum").textValue());
        assertEquals(descsum("raw(deadbeef)"), node.result("getdescriptorinfo", q("raw(DEADBEEF)")).get("descriptor").textValue());

        // Private keys: never printed; an xprv is shown as its xpub.
        JsonNode priv = node.result("getdescriptorinfo", q("wpkh(" + TPRV + "/1/1/0)"));
        assertEquals("wpkh(" + TPUB + "/1/1/0)#s9ga3alw", priv.get("descriptor").textValue(),
                "rpc_deriveaddresses.py's public twin, with its checksum");
        assertEquals("t6wfjs64", priv.get("checksum").textValue());
        assertTrue(priv.get("hasprivatekeys").booleanValue());
        JsonNode wif = node.result("getdescriptorinfo", q("pkh(cTe1f5rdT8A8DFgVWTjyPwACsDPJM9ff4QngFxUixCSvvbg1x6sh)"));
        assertTrue(wif.get("hasprivatekeys").booleanValue());
        assertFalse(wif.get("descriptor").textValue().contains("cTe1f5"), wif.toString());
    }

    @Test
    void getdescriptorinfoErrors() throws Exception {
        assertEquals(-1, node.rpc().call("getdescriptorinfo").path("error").path("code").intValue());
        JsonNode typed = node.rpc().call("getdescriptorinfo", "1");
        assertEquals(-3, typed.path("error").path("code").intValue());
        assertTrue(typed.path("error").path("message").textValue().contains("is not of expected type string"), typed.toString());
        assertError(-5, "'' is not a valid descriptor function", "getdescriptorinfo", q(""));
        assertError(-5, "Provided checksum 'qwlqgth8' does not match computed checksum 'qwlqgth7'", "getdescriptorinfo",
                q("wpkh([d34db33f/84h/0h/0h]0279be667ef9dcbbac55a06295Ce870b07029Bfcdb2dce28d959f2815b16f81798)#qwlqgth8"));
        assertError(-5, "wpkh(): Pubkey '0279be66' is invalid", "getdescriptorinfo", q("wpkh(0279be66)"));
        assertError(-5, "pkh(): key 'xpub661MyMwAqRbcFkPHucMnrGNzDwb6teAX1RbKQmqtEF8kK3Z7LZ59qafCjB9eCRLiTVG3uxBxgKvRgbubRhqSKXnGGb1aoaqLrpMBDrVxga8' is not valid",
                "getdescriptorinfo", q("pkh(xpub661MyMwAqRbcFkPHucMnrGNzDwb6teAX1RbKQmqtEF8kK3Z7LZ59qafCjB9eCRLiTVG3uxBxgKvRgbubRhqSKXnGGb1aoaqLrpMBDrVxga8)"));
        assertError(-5, "Expected 8 character checksum, not 0 characters", "getdescriptorinfo", q("raw(deadbeef)#"));
    }

    /** rpc_deriveaddresses.py, in order, for everything but combo() and multi(), which nakamoto does not parse. */
    @Test
    void deriveaddressesAsCoresFunctionalTest() throws Exception {
        assertError(-5, "Missing checksum", "deriveaddresses", q("a"));
        String descriptor = "wpkh(" + TPRV + "/1/1/0)#t6wfjs64";
        assertEquals(List.of(ADDRESS_110), strings(node.result("deriveaddresses", q(descriptor))));
        assertError(-5, "Missing checksum", "deriveaddresses", q(descriptor.substring(0, descriptor.length() - 9)));
        assertEquals(List.of(ADDRESS_110), strings(node.result("deriveaddresses", q("wpkh(" + TPUB + "/1/1/0)#s9ga3alw"))));
        String ranged = "wpkh(" + TPRV + "/1/1/*)#kft60nuy";
        assertEquals(List.of(ADDRESS_111, ADDRESS_112), strings(node.result("deriveaddresses", q(ranged), "[1, 2]")));
        assertEquals(List.of(ADDRESS_110, ADDRESS_111, ADDRESS_112), strings(node.result("deriveaddresses", q(ranged), "2")));
        assertEquals(List.of(ADDRESS_110, ADDRESS_111, ADDRESS_112),
                strings(node.result("deriveaddresses", q("wpkh(" + TPUB + "/1/1/*)#" + DescriptorChecksum.of("wpkh(" + TPUB + "/1/1/*)")), "[0,2]")),
                "the same from the tpub");

        String unranged = descsum("wpkh(" + TPRV + "/1/1/0)");
        String rangedNoSum = descsum("wpkh(" + TPRV + "/1/1/*)");
        assertError(-8, "Range should not be specified for an un-ranged descriptor", "deriveaddresses", q(unranged), "[0, 2]");
        assertError(-8, "Range must be specified for a ranged descriptor", "deriveaddresses", q(rangedNoSum));
        assertError(-8, "End of range is too high", "deriveaddresses", q(rangedNoSum), "10000000000");
        assertError(-8, "Range is too large", "deriveaddresses", q(rangedNoSum), "[1000000000, 2000000000]");
        assertError(-8, "Range specified as [begin,end] must not have begin after end", "deriveaddresses", q(rangedNoSum), "[2, 0]");
        assertError(-8, "Range should be greater or equal than 0", "deriveaddresses", q(rangedNoSum), "[-1, 0]");
        assertError(-8, "Range must be specified as end or as [begin,end]", "deriveaddresses", q(rangedNoSum), q("[0,2]"));
        assertError(-8, "Range must be specified as end or as [begin,end]", "deriveaddresses", q(rangedNoSum), "[1]");
        assertError(-5, "Cannot derive script without private keys", "deriveaddresses", q(descsum("wpkh(" + TPUB + "/1'/1/0)")));
        // Core's bare multisig case needs multi(); pk() and an OP_RETURN raw() have no address either.
        assertError(-5, "Descriptor does not have a corresponding address", "deriveaddresses", q(descsum("pk(" + TPUB + "/1/1/0)")));
        assertError(-5, "Descriptor does not have a corresponding address", "deriveaddresses", q(descsum("raw(6a)")));
        // The range is checked before the descriptor, as Core does.
        assertError(-8, "Range is too large", "deriveaddresses", q("a"), "[0, 1000000]");
        assertError(-5, "Provided checksum 'qqqqqqqq' does not match computed checksum 'kft60nuy'", "deriveaddresses",
                q("wpkh(" + TPRV + "/1/1/*)#qqqqqqqq"), "1");

        // A derived address is the node's own: paid by generatetoaddress, found by scantxoutset with the xpub form.
        node.result("generatetoaddress", "1", q(ADDRESS_111));
        JsonNode scan = node.result("scantxoutset", q("start"), "[" + q("wpkh(" + TPUB + "/1/1/1)") + "]");
        assertEquals(1, scan.get("unspents").size(), scan.toString());
        JsonNode sh = node.result("deriveaddresses", q(descsum("sh(wpkh(" + TPUB + "/1/1/0))")));
        assertTrue(sh.get(0).textValue().startsWith("2"), "regtest P2SH: " + sh);
        assertEquals(List.of(ADDRESS_110), strings(node.result("deriveaddresses", q(descsum("addr(" + ADDRESS_110 + ")")))));
    }

    /**
     * scantxoutset on the same parser: ranges as Core reads them (default 0 to 1000) and matches named as Core names
     * them, with the key's full origin: rpc_scantxoutset.py's expected descriptors for its tpub's children 1/1/0,
     * 1/1/1 and 1/1/1500, checksums included.
     */
    @Test
    void scantxoutsetExpandsRangesAndNamesMatchesAsCore() throws Exception {
        for (String a : List.of("mtfUoUax9L4tzXARpw1oTGxWyoogp52KhJ", "mxp7w7j8S1Aq6L8StS2PqVvtt4HGxXEvdy",
                "mpQ8rokAhp1TAtJQR6F6TaUmjAWkAWYYBq")) {
            node.result("generatetoaddress", "1", q(a));
        }
        String ranged = "pkh(" + TPUB + "/1/1/*)";
        JsonNode all = node.result("scantxoutset", q("start"), "[{\"desc\": " + q(ranged) + ", \"range\": 1500}]");
        List<String> descs = new ArrayList<>();
        all.get("unspents").forEach(u -> descs.add(u.get("desc").textValue()));
        descs.sort(null);
        assertEquals(List.of("pkh([0c5f9a1e/1/1/0]03e1c5b6e650966971d7e71ef2674f80222752740fc1dfd63bbbd220d2da9bd0fb)#cxmct4w8",
                "pkh([0c5f9a1e/1/1/1500]03832901c250025da2aebae2bfb38d5c703a57ab66ad477f9c578bfbcd78abca6f)#vchwd07g",
                "pkh([0c5f9a1e/1/1/1]030d820fc9e8211c4169be8530efbc632775d8286167afd178caaf1089b77daba7)#z2t3ypsa"), descs);
        assertEquals(2, node.result("scantxoutset", q("start"), "[" + q(ranged) + "]").get("unspents").size(),
                "a string scans positions 0 to 1000");
        assertEquals(1, node.result("scantxoutset", q("start"), "[{\"desc\": " + q(ranged) + ", \"range\": [1500,1500]}]")
                .get("unspents").size());
        assertEquals(1, node.result("scantxoutset", q("start"), "[" + q("pkh([abcdef88/1/2'/3/4h]" + TPUB + "/1/1/1)") + "]")
                .get("unspents").size());
        JsonNode origin = node.result("scantxoutset", q("start"), "[" + q("pkh([abcdef88/1/2'/3/4h]" + TPUB + "/1/1/1)") + "]");
        assertTrue(origin.get("unspents").get(0).get("desc").textValue().startsWith("pkh([abcdef88/1/2h/3/4h/1/1/1]030d820f"),
                origin.toString());
        // rpc_scantxoutset.py's range errors, and a hardened step from a tpub.
        assertError(-8, "End of range is too high", "scantxoutset", q("start"), "[{\"desc\": \"desc\", \"range\": -1}]");
        assertError(-8, "Range should be greater or equal than 0", "scantxoutset", q("start"), "[{\"desc\": \"desc\", \"range\": [-1, 10]}]");
        assertError(-8, "Range specified as [begin,end] must not have begin after end", "scantxoutset", q("start"),
                "[{\"desc\": \"desc\", \"range\": [2, 1]}]");
        assertError(-8, "Range is too large", "scantxoutset", q("start"), "[{\"desc\": \"desc\", \"range\": [0, 1000001]}]");
        assertError(-5, "Cannot derive script without private keys: 'pkh(" + TPUB + "/1h/*)'", "scantxoutset", q("start"),
                "[" + q("pkh(" + TPUB + "/1h/*)") + "]");
        assertError(-8, "Descriptor needs to be provided in scan object", "scantxoutset", q("start"), "[{\"range\": 1}]");
    }

    /**
     * BIP86's receive and change addresses from its account xpub through tr([73c5da0a/86'/0'/0']KEY/0/*): the vectors
     * are mainnet's and a regtest node (like Core) takes tpubs only, so the same key goes in as a tpub and the
     * addresses must carry the vectors' output keys (validateaddress shows each witness program).
     */
    @Test
    void bip86AddressesThroughTr() throws Exception {
        JsonNode bip86;
        try (InputStream in = DescriptorRpcTest.class.getResourceAsStream("/bip86-vectors.json")) {
            bip86 = new ObjectMapper().readTree(in);
        }
        String tpub = ExtendedPublicKey.fromBase58(bip86.get("account").get("xpub").textValue(), Bip32Versions.MAINNET)
                .toBase58(Bip32Versions.TESTNET);
        String receive = descsum("tr([73c5da0a/86'/0'/0']" + tpub + "/0/*)");
        String change = descsum("tr([73c5da0a/86'/0'/0']" + tpub + "/1/*)");
        JsonNode info = node.result("getdescriptorinfo", q(receive));
        assertEquals(receive, info.get("descriptor").textValue(), "apostrophes kept as written");
        assertTrue(info.get("isrange").booleanValue());
        JsonNode receiving = node.result("deriveaddresses", q(receive), "[0,1]");
        JsonNode changing = node.result("deriveaddresses", q(change), "0");
        assertEquals(2, receiving.size());
        assertEquals(1, changing.size());
        int checked = 0;
        for (JsonNode v : bip86.get("addresses")) {
            String[] path = v.get("path").textValue().split("/");
            String address = (path[4].equals("0") ? receiving : changing).get(Integer.parseInt(path[5])).textValue();
            assertTrue(address.startsWith("bcrt1p"), address);
            JsonNode valid = node.result("validateaddress", q(address));
            assertEquals(v.get("output_key").textValue(), valid.get("witness_program").textValue(), v.get("path").textValue());
            assertEquals(v.get("scriptPubKey").textValue(), valid.get("scriptPubKey").textValue());
            checked++;
        }
        assertEquals(3, checked);
        assertError(-5, "tr(): key '" + bip86.get("account").get("xpub").textValue() + "' is not valid", "deriveaddresses",
                q(descsum("tr(" + bip86.get("account").get("xpub").textValue() + "/0/*)")), "1");
    }

    @Test
    void helpForBoth() throws Exception {
        String overview = node.result("help").textValue();
        for (String m : List.of("getdescriptorinfo", "deriveaddresses")) {
            assertTrue(overview.contains(m), m + " listed in help");
            String help = node.result("help", q(m)).textValue();
            assertTrue(help.startsWith(m + " \"descriptor\""), help);
            assertTrue(help.contains("Result:") && help.contains("Examples:"), help);
        }
        String derive = node.result("help", q("deriveaddresses")).textValue();
        assertTrue(derive.matches("(?s).*\\n2\\. range +\\(numeric or array, optional\\).*"), derive);
        assertTrue(node.result("help", q("getdescriptorinfo")).textValue().contains("Analyses a descriptor."));
    }
}
