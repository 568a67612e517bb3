package org.nakamoto.chain.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.script.ScriptFlag;

class ParamsLoaderTest {

    @Test
    void bitcoinMainnetGenesisHashIsRight() {
        NetworkParams p = ParamsLoader.builtIn("mainnet");
        assertEquals("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", p.genesisHash().toString());
        assertEquals("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
                p.genesis().header().merkleRoot().toString());
        assertEquals(0xf9beb4d9, p.magic());
        assertEquals(5_000_000_000L, p.subsidyAt(0));
        assertEquals(2_500_000_000L, p.subsidyAt(210_000));
        assertEquals(0, p.subsidyAt(64 * 210_000));
    }

    @Test
    void bitcoinRegtestGenesisHashIsRight() {
        NetworkParams p = ParamsLoader.builtIn("regtest");
        assertEquals("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", p.genesisHash().toString());
        assertEquals(false, p.retargeting());
    }

    @Test
    void localTestnetHasItsOwnIdentityAndAMinedGenesis() {
        NetworkParams t = ParamsLoader.builtIn("testnet");
        NetworkParams m = ParamsLoader.builtIn("mainnet");
        NetworkParams r = ParamsLoader.builtIn("regtest");
        assertEquals("000002cb5574e70850641c4ba5e8fd0e3d5105b0dcabe53f3896d42647c0f2dd", t.genesisHash().toString());
        assertEquals(2016, t.retargetInterval());
        for (NetworkParams other : new NetworkParams[] {m, r}) {
            assertTrue(t.magic() != other.magic());
            assertTrue(t.defaultPort() != other.defaultPort());
            assertTrue(t.rpcPort() != other.rpcPort());
            assertTrue(t.pubKeyHashVersion() != other.pubKeyHashVersion());
            assertTrue(t.wifVersion() != other.wifVersion());
        }
        // The genesis meets its own bits (hash below the target) and the easy powLimit allows those bits.
        assertTrue(t.genesisHash().toBigInteger().compareTo(t.powLimit()) <= 0);
        assertTrue(t.seeds().isEmpty() && m.seeds().isEmpty() && r.seeds().isEmpty(), "shipped files carry no seeds");
    }

    @Test
    void mainnetDeploymentsAreCoresBuriedHeightsAndExceptions() {
        SoftForks f = ParamsLoader.builtIn("mainnet").softForks();
        assertEquals(227_931, f.bip34Height());
        assertEquals("000000000000024b89b42a942fe0d9fea3bb44ab7bd1b19115dd6a759c0808b8", f.bip34Hash().toString());
        assertEquals(388_381, f.bip65Height());
        assertEquals(363_725, f.bip66Height());
        assertEquals(419_328, f.csvHeight());
        assertEquals(481_824, f.segwitHeight());
        assertEquals(709_632, f.taprootHeight());
        assertEquals(Hash256.fromHex("00000000000a4d0a398161ffc163c503763b1f4360639393e0e4c8e300e0caec"),
                f.bip30Exceptions().get(91_842));
        assertEquals(Hash256.fromHex("00000000000743f190a18c5577a3c2d2a1f610ae9601ac046a38084ccb7cd721"),
                f.bip30Exceptions().get(91_880));
        assertEquals(java.util.Set.of(), f.scriptFlagExceptions().get(
                Hash256.fromHex("00000000000002dc756eebf4f49723ed8d30cc28a5f108eb94b1ba88ac4f9c22")), "BIP16 exception");
        assertEquals(java.util.Set.of(ScriptFlag.P2SH, ScriptFlag.WITNESS), f.scriptFlagExceptions().get(
                Hash256.fromHex("0000000000000000000f14c35b2d841e986ab5441de8c585d5ffe55ea1e395ad")), "taproot exception");
        assertEquals(TieBreak.FIRST_SEEN, ParamsLoader.builtIn("mainnet").tieBreak());
    }

    @Test
    void regtestIsCoresRegtestAndTheLocalTestnetHasEverythingFromGenesis() {
        SoftForks r = ParamsLoader.builtIn("regtest").softForks();
        assertEquals(List.of(1, 1, 1, 1, 0, 0), List.of(r.bip34Height(), r.bip65Height(), r.bip66Height(),
                r.csvHeight(), r.segwitHeight(), r.taprootHeight()));
        assertEquals(null, r.bip34Hash());
        assertTrue(r.bip30Exceptions().isEmpty() && r.scriptFlagExceptions().isEmpty());
        NetworkParams t = ParamsLoader.builtIn("testnet");
        SoftForks f = t.softForks();
        assertEquals(List.of(1, 1, 1, 1, 0, 0), List.of(f.bip34Height(), f.bip65Height(), f.bip66Height(),
                f.csvHeight(), f.segwitHeight(), f.taprootHeight()));
        assertEquals(TieBreak.LOWEST_HASH, t.tieBreak());
        assertEquals(TieBreak.FIRST_SEEN, ParamsLoader.builtIn("regtest").tieBreak());
    }

    @Test
    void tieBreakDefaultsToFirstSeenAndRefusesUnknownRules() throws Exception {
        String json = Files.readString(Path.of("..", "genesis.json"));
        assertEquals(TieBreak.FIRST_SEEN, ParamsLoader.parse(json.replace("\"tieBreak\": \"lowest-hash\",", "")
                .getBytes(StandardCharsets.UTF_8), "t").tieBreak());
        assertMessage("unknown tie-break rule", json.replace("lowest-hash", "longest-chain").getBytes(StandardCharsets.UTF_8));
        assertMessage("missing field 'softForks'", json.replace("\"softForks\"", "\"forks\"").getBytes(StandardCharsets.UTF_8));
        assertMessage("field 'csvHeight'", json.replace("\"csvHeight\": 1", "\"csvHeight\": -1").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void topLevelGenesisJsonIsTheShippedTestnet() throws Exception {
        Path top = Path.of("..", "genesis.json");
        assertEquals(ParamsLoader.builtIn("testnet").genesisHash(), ParamsLoader.load(top).genesisHash());
    }

    @Test
    void refusesAFileWhoseGenesisHashDoesNotMatch(@TempDir Path dir) throws Exception {
        String json = Files.readString(Path.of("..", "genesis.json"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, json.replace("\"nonce\": 1135552", "\"nonce\": 1135553"));
        ParamsException e = assertThrows(ParamsException.class, () -> ParamsLoader.load(bad));
        assertTrue(e.getMessage().contains("genesis block hashes to"), e.getMessage());
    }

    @Test
    void clearErrorsForBrokenFiles(@TempDir Path dir) throws Exception {
        String json = Files.readString(Path.of("..", "genesis.json"));
        assertThrows(ParamsException.class, () -> ParamsLoader.load(dir.resolve("missing.json")));
        assertMessage("not valid JSON", "{ nope".getBytes(StandardCharsets.UTF_8));
        assertMessage("missing field 'magic'", json.replace("\"magic\"", "\"magik\"").getBytes(StandardCharsets.UTF_8));
        assertMessage("field 'defaultPort'", json.replace("28444", "70000").getBytes(StandardCharsets.UTF_8));
        assertMessage("field 'powLimit'", json.replace("\"00007fff", "\"zz007fff").getBytes(StandardCharsets.UTF_8));
        assertMessage("overflows 256 bits", json.replace("\"00007fff", "\"007fffff").getBytes(StandardCharsets.UTF_8));
        assertMessage("genesis bits are easier than powLimit",
                json.replace("\"00007fff", "\"00000000").getBytes(StandardCharsets.UTF_8));
        assertMessage("unknown network", null);
    }

    @Test
    void refusesBadExceptionEntriesNamingThem() throws Exception {
        String json;
        try (java.io.InputStream in = ParamsLoader.class.getResourceAsStream("/org/nakamoto/chain/params/mainnet.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertMessage("bip30Exceptions key 'x91842' is not a number",
                json.replace("\"91842\":", "\"x91842\":").getBytes(StandardCharsets.UTF_8));
        assertMessage("bip30Exceptions",
                json.replace("\"00000000000a4d0a398161ffc163c503763b1f4360639393e0e4c8e300e0caec\"", "\"zz\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertMessage("scriptFlagExceptions key 'nothex' is not a block hash", json.replace(
                "\"0000000000000000000f14c35b2d841e986ab5441de8c585d5ffe55ea1e395ad\":", "\"nothex\":")
                .getBytes(StandardCharsets.UTF_8));
        assertMessage("scriptFlagExceptions 0000000000000000000f14c35b2d841e986ab5441de8c585d5ffe55ea1e395ad: ",
                json.replace("\"P2SH,WITNESS\"", "\"P2SH,WARP\"").getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMessage(String fragment, byte[] json) {
        ParamsException e = assertThrows(ParamsException.class,
                () -> {
                    if (json == null) {
                        ParamsLoader.builtIn("moonnet");
                    } else {
                        ParamsLoader.parse(json, "test");
                    }
                });
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void checkpointsAreLoaded() {
        NetworkParams m = ParamsLoader.builtIn("mainnet");
        assertEquals(Hash256.fromHex("0000000069e244f73d78e8fd29ba2fd2ed618bd6fa2ee92559f542fdb26e7c1d"),
                m.checkpoints().get(11111));
    }
}
