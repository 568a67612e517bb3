package org.nakamoto.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.params.ParamsLoader;
import org.nakamoto.node.rpc.RpcErrorCode;
import org.nakamoto.node.rpc.RpcException;

/**
 * The descriptor parser against the BIPs' own vectors (node's descriptors/bip-vectors.json: BIP380's checksums and
 * key expressions, BIP381/382/386's scripts at positions 0 to 2 and their invalid descriptors) and BIP86's receive
 * and change addresses (wallet's bip86-vectors.json) through {@code tr([73c5da0a/86'/0'/0']xpub/0/*)}, on mainnet
 * where the vectors' keys belong. The RPC shapes are {@code DescriptorRpcTest}'s.
 */
class DescriptorVectorsTest {
    private static final NetworkParams MAIN = ParamsLoader.builtIn("mainnet");
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws Exception {
        vectors = read("/descriptors/bip-vectors.json");
    }

    static JsonNode read(String resource) throws Exception {
        try (InputStream in = DescriptorVectorsTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static String invalidMessage(String desc) {
        RpcException e = assertThrows(RpcException.class, () -> Descriptors.parseDescriptor(desc, MAIN, false), desc);
        assertEquals(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, e.code(), desc);
        return e.getMessage();
    }

    @Test
    void bip380Checksums() throws Exception {
        for (JsonNode v : vectors.get("checksum").get("valid")) {
            assertEquals("raw(deadbeef)", Descriptors.parseDescriptor(v.textValue(), MAIN, false).toString());
        }
        List<String> messages = new ArrayList<>();
        for (JsonNode v : vectors.get("checksum").get("invalid")) {
            messages.add(invalidMessage(v.textValue()));
        }
        // Core's CheckChecksum, in the BIP's order.
        assertEquals(List.of("Expected 8 character checksum, not 0 characters",
                "Expected 8 character checksum, not 9 characters", "Expected 8 character checksum, not 7 characters",
                "Provided checksum '89f8spxm' does not match computed checksum 'xj8ljs75'",
                "Multiple '#' symbols", "Invalid characters in payload"), messages);
        RpcException missing = assertThrows(RpcException.class,
                () -> Descriptors.parseDescriptor("raw(deadbeef)", MAIN, true));
        assertEquals("Missing checksum", missing.getMessage());
    }

    @Test
    void bip380KeyExpressions() throws Exception {
        for (JsonNode k : vectors.get("keys").get("valid")) {
            Descriptor d = Descriptors.parseDescriptor("pk(" + k.textValue() + ")", MAIN, false);
            String key = k.textValue();
            assertEquals(key.contains("*"), d.isRange(), key);
            assertEquals(key.contains("prv") || key.startsWith("5") || key.startsWith("L"), d.hasPrivateKeys(), key);
            assertTrue(d.isSolvable());
            // An xpub cannot take a hardened step; an xprv can, but its public form (the root xpub, as Core prints
            // it) cannot.
            int x = Math.max(key.indexOf("xpub"), key.indexOf("xprv"));
            String steps = x >= 0 && key.indexOf('/', x) > 0 ? key.substring(key.indexOf('/', x)) : "";
            Descriptor pub = Descriptors.parseDescriptor(d.toString(), MAIN, false);
            assertFalse(pub.hasPrivateKeys());
            if (steps.contains("h")) {
                assertThrows(DescriptorKey.CannotDeriveException.class, () -> pub.script(1), key);
                if (key.contains("xprv")) {
                    d.script(1);
                }
            } else {
                assertEquals(d.script(1), pub.script(1), "the public form describes the same scripts: " + key);
            }
        }
        for (JsonNode k : vectors.get("keys").get("invalid")) {
            assertTrue(invalidMessage("pk(" + k.textValue() + ")").startsWith("pk(): "), k.textValue());
        }
    }

    @Test
    void coresMessagesForBadKeys() {
        String k = "0260b2003c386519fc9eadf2b5cf124dd8eea4c4e68d5e154050a9346ea98ce600";
        assertEquals("pk(): Key path value '*' is not a valid uint32", invalidMessage("pk([deadbeef/0h/0h/0h/*]" + k + ")"));
        assertEquals("pk(): Key path value '' is not a valid uint32", invalidMessage("pk([deadbeef/0h/0h/0h/]" + k + ")"));
        assertEquals("pk(): Fingerprint is not 4 bytes (7 characters instead of 8 characters)",
                invalidMessage("pk([deadbef/0h]" + k + ")"));
        assertEquals("pk(): Key path value '0H' is not a valid uint32", invalidMessage("pk([deadbeef/0H]" + k + ")"));
        assertEquals("pk(): Fingerprint 'gaaaaaaa' is not hex", invalidMessage("pk([gaaaaaaa]" + k + ")"));
        assertEquals("pk(): Multiple ']' characters found for a single pubkey", invalidMessage("pk([aaaaaaaa][aaaaaaaa]" + k + ")"));
        assertEquals("pk(): Key origin start '[ character expected but not found, got 'a' instead",
                invalidMessage("pk(aaaaaaaa]" + k + ")"));
        assertEquals("pk(): No key provided", invalidMessage("pk([deadbeef])"));
        assertEquals("pk(): Pubkey '00' is invalid", invalidMessage("pk(00)"));
        assertEquals("pk(): Hybrid public keys are not allowed", invalidMessage("pk(06" + "00".repeat(64) + ")"));
        String xprv = "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U";
        assertEquals("pk(): Key path value 2147483648 is out of range", invalidMessage("pk(" + xprv + "/2147483648)"));
        assertEquals("pk(): Key path value '1aa' is not a valid uint32", invalidMessage("pk(" + xprv + "/1aa)"));
        assertEquals("pk(): key 'L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1' is not valid",
                invalidMessage("pk(L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1/0)"));
        assertEquals("pk(): Key ' 00' is invalid due to whitespace", invalidMessage("pk( 00)"));
        assertEquals("wpkh(): Uncompressed keys are not allowed", invalidMessage("sh(wpkh(04a34b99f22c790c4e36b2b3c2c35a36db06226e41c692fc82b8b56ac1c540c5bd5b8dec5235a0fa8722476c7709c02559e3aa73aa03918ba2d492eea75abea235))"));
        assertEquals("Can only have sh() at top level", invalidMessage("sh(sh(pk(" + k + ")))"));
        assertEquals("A function is needed within P2SH", invalidMessage("sh(" + k + ")"));
        assertEquals("Can only have tr at top level", invalidMessage("sh(tr(" + k + "))"));
        assertEquals("'a' is not a valid descriptor function", invalidMessage("a"));
        assertEquals("'' is not a valid descriptor function", invalidMessage(""));
        assertEquals("Raw script is not hex", invalidMessage("raw(0)"));
        assertEquals("Address is not valid", invalidMessage("addr(bcrt1qjqmxmkpmxt80xz4y3746zgt0q3u3ferr34acd5)"));
        assertEquals("rawtr(): only one key expected.", invalidMessage("rawtr(" + k + "," + k + ")"));
    }

    @Test
    void bip381To386Scripts() throws Exception {
        int n = 0;
        for (JsonNode v : vectors.get("scripts")) {
            String desc = v.get("desc").textValue();
            Descriptor d = Descriptors.parseDescriptor(desc, MAIN, false);
            JsonNode scripts = v.get("scripts");
            assertEquals(scripts.size() > 1, d.isRange(), desc);
            for (int i = 0; i < scripts.size(); i++) {
                assertEquals(scripts.get(i).textValue(), Hex.encode(d.script(i).unsafeBytes()), desc + " at " + i);
            }
            n++;
        }
        assertEquals(25, n);
        for (JsonNode v : vectors.get("invalid")) {
            invalidMessage(v.get("desc").textValue());
        }
        for (JsonNode v : vectors.get("unsupported")) {
            assertTrue(invalidMessage(v.textValue()).contains("not supported by nakamoto"), v.textValue());
        }
    }

    /** BIP86's vectors through a descriptor: the account xpub with its origin, receive 0 and 1, change 0. */
    @Test
    void bip86AddressesFromTheAccountXpub() throws Exception {
        JsonNode bip86 = read("/bip86-vectors.json");
        String xpub = bip86.get("account").get("xpub").textValue();
        String receive = "tr([73c5da0a/86'/0'/0']" + xpub + "/0/*)";
        Descriptor d = Descriptors.parseDescriptor(receive, MAIN, false);
        assertTrue(d.isRange());
        assertFalse(d.hasPrivateKeys());
        assertEquals(receive, d.toString(), "the apostrophes stay as written");
        Descriptor change = Descriptors.parseDescriptor("tr([73c5da0a/86h/0h/0h]" + xpub + "/1/*)", MAIN, false);
        int checked = 0;
        for (JsonNode a : bip86.get("addresses")) {
            String[] path = a.get("path").textValue().split("/");
            Descriptor which = path[4].equals("0") ? d : change;
            String address = Addresses.of(which.script(Long.parseLong(path[5])), MAIN).orElseThrow();
            assertEquals(a.get("address").textValue(), address, a.get("path").textValue());
            checked++;
        }
        assertEquals(3, checked);
        // The same from the root xprv, hardened steps and all; the public form shows the root xpub instead.
        String rootPriv = bip86.get("rootpriv").textValue();
        Descriptor fromRoot = Descriptors.parseDescriptor("tr(" + rootPriv + "/86h/0h/0h/0/*)", MAIN, false);
        assertTrue(fromRoot.hasPrivateKeys());
        assertEquals(d.script(1), fromRoot.script(1));
        assertEquals("tr(" + bip86.get("rootpub").textValue() + "/86h/0h/0h/0/*)", fromRoot.toString());
    }
}
