package org.nakamoto.chain.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.CompactTarget;
import org.nakamoto.chain.codec.ParseException;
import org.nakamoto.chain.model.Block;
import org.nakamoto.chain.model.BlockHeader;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.MerkleTree;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptFlags;

/**
 * Reads a network's parameters from JSON. The genesis block is rebuilt from its fields and its hash
 * recomputed; a file whose declared hash differs is refused, so a typo cannot start a different chain.
 * The fields are those of {@link NetworkParams}, documented there; the shipped files are listed below.
 */
public final class ParamsLoader {
    /** The shipped networks, as classpath resources. "testnet" is the top-level genesis.json. */
    public static final Map<String, String> BUILT_IN = Map.of(
            "testnet", "genesis.json",
            "mainnet", "mainnet.json",
            "regtest", "regtest.json");

    private static final String RESOURCE_DIR = "/org/nakamoto/chain/params/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParamsLoader() {
    }

    /** One of the shipped networks: testnet, mainnet or regtest. */
    public static NetworkParams builtIn(String network) {
        String file = BUILT_IN.get(network);
        if (file == null) {
            throw new ParamsException("unknown network '" + network + "' (expected one of " + BUILT_IN.keySet() + ")");
        }
        try (InputStream in = ParamsLoader.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new ParamsException("parameters resource " + file + " is missing from the classpath");
            }
            return parse(in.readAllBytes(), network + " (" + file + ")");
        } catch (IOException e) {
            throw new ParamsException("cannot read parameters resource " + file, e);
        }
    }

    public static NetworkParams load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ParamsException("cannot read parameters file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    public static NetworkParams parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ParamsException(source + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ParamsException(source + ": expected a JSON object");
        }
        Fields f = new Fields(root, source);
        Block genesis = genesis(f.object("genesis"), source);
        NavigableCheckpoints cps = checkpoints(f.optionalObject("checkpoints"), source);
        NetworkParams p = new NetworkParams(
                f.text("name"),
                f.hexInt("magic", 4),
                f.port("defaultPort"),
                f.port("rpcPort"),
                f.byteValue("pubKeyHashVersion"),
                f.byteValue("scriptHashVersion"),
                bech32Hrp(f.text("bech32Hrp"), source),
                f.byteValue("wifVersion"),
                f.hexInt("bip32PrivateVersion", 4),
                f.hexInt("bip32PublicVersion", 4),
                f.intValue("bip44CoinType", 0, Integer.MAX_VALUE),
                genesis,
                f.target("powLimit"),
                f.longValue("targetSpacingSeconds", 1, Integer.MAX_VALUE),
                f.intValue("retargetInterval", 1, Integer.MAX_VALUE),
                f.longValue("targetTimespanSeconds", 1, Integer.MAX_VALUE),
                f.bool("retargeting"),
                f.longValue("initialSubsidy", 0, org.nakamoto.chain.model.Amount.MAX_MONEY),
                f.intValue("halvingInterval", 1, Integer.MAX_VALUE),
                f.intValue("coinbaseMaturity", 0, Integer.MAX_VALUE),
                f.intValue("maxBlockSize", 1000, 32_000_000),
                softForks(f.object("softForks"), source),
                tieBreak(f, source),
                cps.map,
                f.stringList("seeds"),
                f.optionalWork("minimumChainWork"));
        checkConsistency(p, source);
        return p;
    }

    /**
     * BIP173: 1 to 83 characters in the range 33..126, all lower case here (the canonical form in which
     * the checksum is computed). Bech32 addresses are at most 90 characters, so a long part leaves no
     * room for the program; the limit keeps a typo from producing a network whose addresses cannot exist.
     */
    private static String bech32Hrp(String hrp, String source) {
        if (hrp.isEmpty() || hrp.length() > 20 || !hrp.chars().allMatch(c -> c >= 33 && c <= 126 && !Character.isUpperCase(c))) {
            throw new ParamsException(source + ": bech32Hrp must be 1 to 20 lower-case printable ASCII characters");
        }
        return hrp;
    }

    /** Rules between fields that a typo could break without any one field looking wrong. */
    private static void checkConsistency(NetworkParams p, String source) {
        BigInteger genesisTarget = CompactTarget.decode(p.genesis().header().bits()).value();
        if (genesisTarget.compareTo(p.powLimit()) > 0) {
            throw new ParamsException(source + ": genesis bits are easier than powLimit");
        }
        if (p.genesisHash().toBigInteger().compareTo(genesisTarget) > 0) {
            throw new ParamsException(source + ": the genesis block does not meet its own bits");
        }
        // Bitcoin's retarget multiplies a 256-bit target by the clamped timespan (up to 4x the target
        // timespan) in 256-bit arithmetic; a powLimit that lets that overflow makes retargets wrap.
        BigInteger worst = p.powLimit().multiply(BigInteger.valueOf(p.targetTimespanSeconds() * 4));
        if (p.retargeting() && worst.bitLength() > 256) {
            throw new ParamsException(source + ": powLimit x 4 x targetTimespanSeconds overflows 256 bits;"
                    + " the retarget would wrap around. Lower powLimit or the timespan.");
        }
    }

    private static Block genesis(JsonNode node, String source) {
        Fields g = new Fields(node, source + " genesis");
        Transaction coinbase = new Transaction.Builder()
                .version(1)
                .addInput(new TxIn(OutPoint.NULL, Script.of(g.hex("coinbaseScriptSig")), TxIn.SEQUENCE_FINAL))
                .addOutput(g.longValue("coinbaseValue", 0, org.nakamoto.chain.model.Amount.MAX_MONEY),
                        Script.of(g.hex("coinbaseScriptPubKey")))
                .build();
        Hash256 merkle = MerkleTree.root(List.of(coinbase.txid()));
        BlockHeader header = new BlockHeader(
                g.intValue("version", Integer.MIN_VALUE, Integer.MAX_VALUE),
                Hash256.ZERO,
                merkle,
                g.longValue("time", 0, 0xffffffffL),
                g.hexInt("bits", 4) & 0xffffffffL,
                g.longValue("nonce", 0, 0xffffffffL));
        Block block = new Block(header, List.of(coinbase));
        Hash256 declared = g.hash("hash");
        if (!declared.equals(block.hash())) {
            throw new ParamsException(source + ": genesis block hashes to " + block.hash()
                    + " but the file declares " + declared + "; refusing to start a different chain");
        }
        return block;
    }

    /** The "softForks" object: activation heights, BIP34's block hash, the BIP30 and script-flag exceptions. */
    private static SoftForks softForks(JsonNode node, String source) {
        Fields s = new Fields(node, source + " softForks");
        Map<Integer, Hash256> bip30 = keyedObject(s, "bip30Exceptions", source, Integer::parseInt, "a number",
                Fields::hash);
        Map<Hash256, Set<ScriptFlag>> flagExceptions = keyedObject(s, "scriptFlagExceptions", source,
                Hash256::fromHex, "a block hash", (f, key) -> ScriptFlags.parse(f.text(key)));
        JsonNode hash = node.get("bip34Hash");
        return new SoftForks(
                s.intValue("bip34Height", 0, Integer.MAX_VALUE),
                hash == null || hash.isNull() ? null : s.hash("bip34Hash"),
                s.intValue("bip65Height", 0, Integer.MAX_VALUE),
                s.intValue("bip66Height", 0, Integer.MAX_VALUE),
                s.intValue("csvHeight", 0, Integer.MAX_VALUE),
                s.intValue("segwitHeight", 0, Integer.MAX_VALUE),
                s.intValue("taprootHeight", 0, Integer.MAX_VALUE),
                bip30,
                flagExceptions);
    }

    /**
     * An optional object whose keys and values both carry data ({@code "227931": "<hash>"}), read in key order:
     * each key parsed by {@code key}, each value read by {@code value}; either failing names the entry.
     */
    private static <K extends Comparable<K>, V> Map<K, V> keyedObject(Fields parent, String name, String source,
            Function<String, K> key, String keyKind, BiFunction<Fields, String, V> value) {
        Map<K, V> out = new TreeMap<>();
        JsonNode object = parent.optionalObject(name);
        if (object == null) {
            return out;
        }
        Fields entries = new Fields(object, source + " " + name);
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            K parsed;
            try {
                parsed = key.apply(k);
            } catch (NumberFormatException | ParseException ex) {
                throw new ParamsException(source + ": " + name + " key '" + k + "' is not " + keyKind);
            }
            try {
                out.put(parsed, value.apply(entries, k));
            } catch (IllegalArgumentException ex) {
                throw new ParamsException(source + ": " + name + " " + k + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** "tieBreak": "first-seen" (Bitcoin's rule, the default) or "lowest-hash". */
    private static TieBreak tieBreak(Fields f, String source) {
        JsonNode v = f.node().get("tieBreak");
        if (v == null || v.isNull()) {
            return TieBreak.FIRST_SEEN;
        }
        try {
            return TieBreak.fromJson(f.text("tieBreak"));
        } catch (IllegalArgumentException e) {
            throw new ParamsException(source + ": " + e.getMessage());
        }
    }

    private record NavigableCheckpoints(TreeMap<Integer, Hash256> map) {
    }

    private static NavigableCheckpoints checkpoints(JsonNode node, String source) {
        TreeMap<Integer, Hash256> map = new TreeMap<>();
        if (node != null) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                int height;
                try {
                    height = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new ParamsException(source + ": checkpoint height '" + e.getKey() + "' is not a number");
                }
                if (height < 0) {
                    throw new ParamsException(source + ": checkpoint height " + height + " is negative");
                }
                try {
                    map.put(height, Hash256.fromHex(e.getValue().asText()));
                } catch (ParseException ex) {
                    throw new ParamsException(source + ": checkpoint " + height + ": " + ex.getMessage());
                }
            }
        }
        return new NavigableCheckpoints(map);
    }

    /** Typed, error-reporting access to one JSON object's fields. */
    private record Fields(JsonNode node, String source) {
        JsonNode require(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw new ParamsException(source + ": missing field '" + name + "'");
            }
            return v;
        }

        ParamsException bad(String name, String expected) {
            return new ParamsException(source + ": field '" + name + "' must be " + expected + ", got " + node.get(name));
        }

        String text(String name) {
            JsonNode v = require(name);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw bad(name, "a non-empty string");
            }
            return v.asText();
        }

        byte[] hex(String name) {
            try {
                return Hex.decode(text(name));
            } catch (ParseException e) {
                throw bad(name, "hex");
            }
        }

        int hexInt(String name, int bytes) {
            byte[] b = hex(name);
            if (b.length != bytes) {
                throw bad(name, bytes + " bytes of hex");
            }
            return new BigInteger(1, b).intValue();
        }

        Hash256 hash(String name) {
            try {
                return Hash256.fromHex(text(name));
            } catch (ParseException e) {
                throw bad(name, "a 64-digit hash");
            }
        }

        /** An optional 256-bit amount of work as 64 hex digits; zero when absent. */
        BigInteger optionalWork(String name) {
            if (node().get(name) == null) {
                return BigInteger.ZERO;
            }
            byte[] b = hex(name);
            if (b.length != 32) {
                throw bad(name, "a 256-bit amount of work as 64 hex digits");
            }
            return new BigInteger(1, b);
        }

        BigInteger target(String name) {
            byte[] b = hex(name);
            if (b.length != 32) {
                throw bad(name, "a 256-bit target as 64 hex digits");
            }
            BigInteger t = new BigInteger(1, b);
            if (t.signum() == 0) {
                throw bad(name, "a non-zero target");
            }
            return t;
        }

        long longValue(String name, long min, long max) {
            JsonNode v = require(name);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                throw bad(name, "an integer in [" + min + ", " + max + "]");
            }
            return v.asLong();
        }

        int intValue(String name, int min, int max) {
            return (int) longValue(name, min, max);
        }

        int port(String name) {
            return intValue(name, 1, 65535);
        }

        int byteValue(String name) {
            return intValue(name, 0, 255);
        }

        boolean bool(String name) {
            JsonNode v = require(name);
            if (!v.isBoolean()) {
                throw bad(name, "true or false");
            }
            return v.asBoolean();
        }

        JsonNode object(String name) {
            JsonNode v = require(name);
            if (!v.isObject()) {
                throw bad(name, "an object");
            }
            return v;
        }

        JsonNode optionalObject(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw bad(name, "an object");
            }
            return v;
        }

        List<String> stringList(String name) {
            JsonNode v = node.get(name);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                throw bad(name, "an array of \"host:port\" strings");
            }
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    throw bad(name, "an array of \"host:port\" strings");
                }
                out.add(s.asText());
            }
            return out;
        }
    }
}
