package org.nakamoto.chain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Base58Check;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.codec.ParseException;

class AddressTest {
    private static final int MAINNET = 0x00;
    private static final int TESTNET = 0x6f;
    // The public key paid by the genesis block's coinbase, and its well-known address.
    private static final String GENESIS_PUBKEY = "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
            + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f";
    private static final String GENESIS_HASH160 = "62e907b15cbf27d5425399ebf6f0fb50ebb88f18";
    private static final String GENESIS_ADDRESS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

    @Test
    void genesisPublicKeyHasTheKnownAddress() {
        Address a = Address.fromPublicKey(MAINNET, Hex.decode(GENESIS_PUBKEY));
        assertEquals(GENESIS_HASH160, Hex.encode(a.hash160()));
        assertEquals(GENESIS_ADDRESS, a.toString());
        assertEquals(a, Address.p2pkh(MAINNET, Hex.decode(GENESIS_HASH160)));
    }

    @Test
    void parsesItsOwnForm() {
        Address a = Address.parse(GENESIS_ADDRESS, MAINNET);
        assertEquals(MAINNET, a.version());
        assertEquals(GENESIS_HASH160, Hex.encode(a.hash160()));
        assertEquals(GENESIS_ADDRESS, a.toString());
    }

    @Test
    void refusesAnAddressOfAnotherNetwork() {
        String testnet = Address.p2pkh(TESTNET, Hex.decode(GENESIS_HASH160)).toString();
        assertTrue(testnet.startsWith("m") || testnet.startsWith("n"), testnet);
        ParseException e = assertThrows(ParseException.class, () -> Address.parse(testnet, MAINNET));
        assertTrue(e.getMessage().contains("0x6f") && e.getMessage().contains("0x00"), e.getMessage());
        assertThrows(ParseException.class, () -> Address.parse(GENESIS_ADDRESS, TESTNET));
    }

    @Test
    void refusesBadChecksumAndCharacters() {
        assertThrows(ParseException.class, () -> Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", MAINNET));
        assertThrows(ParseException.class, () -> Address.parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0", MAINNET));
    }

    @Test
    void refusesAPayloadOfTheWrongLength() {
        String tooLong = Base58Check.encode(Hex.decode("00" + GENESIS_HASH160 + "00"));
        ParseException e = assertThrows(ParseException.class, () -> Address.parse(tooLong, MAINNET));
        assertTrue(e.getMessage().contains("21 bytes"), e.getMessage());
    }

    @Test
    void scriptPubKeyIsTheP2pkhTemplate() {
        Address a = Address.parse(GENESIS_ADDRESS, MAINNET);
        Script script = a.scriptPubKey();
        assertEquals("76a914" + GENESIS_HASH160 + "88ac", script.toString());
        assertTrue(Address.isP2pkh(script));
        assertEquals(Optional.of(a), Address.fromScriptPubKey(script, MAINNET));
    }

    @Test
    void otherScriptsAreNotP2pkh() {
        Script p2pk = Script.fromHex("41" + GENESIS_PUBKEY + "ac");
        assertFalse(Address.isP2pkh(p2pk));
        assertEquals(Optional.empty(), Address.fromScriptPubKey(p2pk, MAINNET));
        // Right length, wrong final opcode (OP_CHECKSIGVERIFY).
        assertFalse(Address.isP2pkh(Script.fromHex("76a914" + GENESIS_HASH160 + "88ad")));
        assertFalse(Address.isP2pkh(Script.EMPTY));
    }

    @Test
    void hashIsCopiedInAndOut() {
        byte[] h = Hex.decode(GENESIS_HASH160);
        Address a = Address.p2pkh(MAINNET, h);
        h[0] = 0;
        a.hash160()[1] = 0;
        assertArrayEquals(Hex.decode(GENESIS_HASH160), a.hash160());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Address.p2pkh(MAINNET, new byte[19]));
        assertThrows(IllegalArgumentException.class, () -> Address.p2pkh(256, new byte[20]));
    }
}
