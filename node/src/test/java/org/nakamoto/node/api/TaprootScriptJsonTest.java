package org.nakamoto.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.crypto.Hashes;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.rpc.RpcException;

/**
 * Witness v1+ outputs as Core shows them. The taproot rows are scriptPubKey objects Bitcoin Core printed
 * (decoderawtransaction, gettxout, getrawtransaction output quoted in public tutorials and issue threads,
 * found by text search and copied here field for field): {output key, desc checksum, address}. The tr(KEY)
 * rows are BIP86's test vectors (m/86'/0'/0'/0/0, 0/1 and 1/0).
 */
class TaprootScriptJsonTest {
    private static final NetworkParams MAIN = ParamsLoader.builtIn("mainnet");
    private static final NetworkParams REGTEST = ParamsLoader.builtIn("regtest");
    private static final NetworkParams TEST = REGTEST.toBuilder().name("test").bech32Hrp("tb").build();

    /** Output key, the checksum Core gave rawtr(key), the address Core gave. */
    static final List<String[]> CORE_PRINTED = List.of(
            new String[] {"83698e458c6664e1595d75da2597de1e22ee97d798e706c4c0a4b5a9823cd743", "lr3hfg6s",
                "tb1psd5cu3vvvejwzk2awhdzt977rc3wa97hnrnsd3xq5j66nq3u6aps0rtp4w"},
            new String[] {"9bcbd366c542d77635150211f6283d3ff4d9979d312cdf42e4bbd047aa77d961", "q2ud38tc",
                "bcrt1pn09axek9gtthvdg4qgglv2pa8l6dn9uaxykd7shyh0gy02nhm9sslp6ha5"},
            new String[] {"7f182f1de8ff40f3c8f96b0eae3412a1d94640f9fd80d01d51aa29b754ec96d9", "9akpgdjz",
                "tb1p0uvz780glaq08j8edv82udqj58v5vs8elkqdq8234g5mw48vjmvs5rqa8m"},
            new String[] {"3b8b3ab1453eb47e2d4903b963776680e30863df3625d3e74292338ae7928da1", "tv35u9pg",
                "bc1p8w9n4v298668ut2fqwukxamxsr3ssc7lxcja8e6zjgec4euj3ksswckxz6"},
            new String[] {"83b591cd94083108f40e0b99fdfb2ed5ff5de7142049b4ba82bc8398247a5c06", "v7zanhk5",
                "bcrt1psw6ernv5pqcs3aqwpwvlm7ew6hl4mec5ypymfw5zhjpesfr6tsrq4x9mqn"},
            new String[] {"8b1656dc5c812625793ef37199103fc26fac86f54d9b1e42bf30ff339fa7304f", "8u2ykne3",
                "tb1p3vt9dhzusynz27f77dcejyplcfh6eph4fkd3us4lxrln88a8xp8s8gpxu9"},
            new String[] {"5591e82cac67f901bf9bd51deff256d2ec4980ec6cb10ed6e44f92d00d88265f", "43dasd0z",
                "bcrt1p2kg7st9vvlusr0um65w7lujk6tkynq8vdjcsa4hyf7fdqrvgye0sdgyeac"});

    static NetworkParams network(String address) {
        return address.startsWith("bcrt1") ? REGTEST : address.startsWith("tb1") ? TEST : MAIN;
    }

    @Test
    void taprootOutputsAreShownAsCorePrintedThem() {
        for (String[] row : CORE_PRINTED) {
            JsonNode o = ScriptJson.scriptPubKey(Script.fromHex("5120" + row[0]), network(row[2]));
            assertEquals(List.of("asm", "desc", "hex", "address", "type"), fieldNames(o));
            assertEquals("1 " + row[0], o.get("asm").textValue());
            assertEquals("rawtr(" + row[0] + ")#" + row[1], o.get("desc").textValue());
            assertEquals("5120" + row[0], o.get("hex").textValue());
            assertEquals(row[2], o.get("address").textValue());
            assertEquals("witness_v1_taproot", o.get("type").textValue());
        }
    }

    @Test
    void aProgramThatIsNoKeyIsAnAddressAndOtherVersionsAreUnknown() {
        // x = p is no field element, let alone a point: Core's InferDescriptor falls back to addr().
        String p = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
        JsonNode notKey = ScriptJson.scriptPubKey(Script.fromHex("5120" + p), MAIN);
        assertEquals("witness_v1_taproot", notKey.get("type").textValue());
        assertEquals("addr(" + notKey.get("address").textValue() + ")", withoutChecksum(notKey));
        // BIP350's v16 and v2 examples.
        JsonNode v16 = ScriptJson.scriptPubKey(Script.fromHex("6002751e"), MAIN);
        assertEquals("witness_unknown", v16.get("type").textValue());
        assertEquals("bc1sw50qgdz25j", v16.get("address").textValue());
        assertEquals("16 7797", v16.get("asm").textValue(), "a push of up to four bytes is a little-endian number in asm");
        assertEquals("addr(bc1sw50qgdz25j)", withoutChecksum(v16));
        JsonNode v2 = ScriptJson.scriptPubKey(Script.fromHex("5210751e76e8199196d454941c45d1b3a323"), MAIN);
        assertEquals("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", v2.get("address").textValue());
        assertEquals("2 751e76e8199196d454941c45d1b3a323", v2.get("asm").textValue());
        // Core v28's pay-to-anchor: its own type, a bech32m address.
        JsonNode anchor = ScriptJson.scriptPubKey(Script.fromHex("51024e73"), MAIN);
        assertEquals("anchor", anchor.get("type").textValue());
        assertEquals("bc1pfeessrawgf", anchor.get("address").textValue());
    }

    @Test
    void bareMultisigIsMulti() {
        String k1 = "02" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
        String k2 = "03" + "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";
        Script s = Script.fromHex("5121" + k1 + "21" + k2 + "52ae");
        assertEquals("multi(1," + k1 + "," + k2 + ")", withoutChecksum(ScriptJson.scriptPubKey(s, MAIN)));
    }

    @Test
    void trKeyIsBip86AndRawtrIsTheOutputKeyItself() throws Exception {
        String[][] bip86 = {
            {"cc8a4bc64d897bddc5fbc2f670f7a8ba0b386779106cf1223c6fc5d7cd6fc115", "a60869f0dbcf1dc659c9cecbaf8050135ea9e8cdc487053f1dc6880949dc684c"},
            {"83dfe85a3151d2517290da461fe2815591ef69f2b18a2ce63f01697a8b313145", "a82f29944d65b86ae6b5e5cc75e294ead6c59391a1edc5e016e3498c67fc7bbb"},
            {"399f1b2f4393f29a18c937859c5dd8a77350103157eb880f02e8c08214277cef", "882d74e5d0572d5a816cef0041a96b6c1de832f6f9676d9605c44d5e9a97d3dc"}};
        for (String[] v : bip86) {
            Descriptor d = Descriptors.parseDescriptor("tr(" + v[0] + ")", MAIN, false);
            Script tr = d.script(0);
            assertEquals("5120" + v[1], Hex.encode(tr.unsafeBytes()));
            assertEquals(tr, Descriptors.parseDescriptor("rawtr(" + v[1] + ")", MAIN, false).script(0));
            // scantxoutset's name for a match: Core's ConstPubkeyProvider records the key's own fingerprint as origin.
            String fingerprint = Hex.encode(Arrays.copyOf(Hashes.hash160(Hex.decode("02" + v[0])), 4));
            String named = d.inferred(0, MAIN);
            assertEquals("tr([" + fingerprint + "]" + v[0] + ")", named);
            assertEquals(tr, Descriptors.parseDescriptor(named, MAIN, false).script(0), "the name scantxoutset gives parses back");
        }
        assertThrows(RpcException.class, () -> Descriptors.parseDescriptor("tr(" + "ff".repeat(32) + ")", MAIN, false), "no point");
        assertThrows(RpcException.class,
                () -> Descriptors.parseDescriptor("tr(" + bip86[0][0] + ",pk(" + bip86[1][0] + "))", MAIN, false));
    }

    private static String withoutChecksum(JsonNode o) {
        String d = o.get("desc").textValue();
        assertEquals(Descriptors.checksum(d.substring(0, d.indexOf('#'))), d.substring(d.indexOf('#') + 1));
        return d.substring(0, d.indexOf('#'));
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
