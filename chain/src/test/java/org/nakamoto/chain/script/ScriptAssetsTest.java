package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.ByteReader;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;

/**
 * Bitcoin Core's taproot test cases (script_assets_test.json, dumped by Core's feature_taproot.py
 * --dumptests; see PROVENANCE.md), driven as Core's {@code script_assets_test} does. Each case is one
 * input of a transaction, with every spent output known (BIP 341 signs them all). The "success"
 * scriptSig and witness must verify under every combination of Core's consensus flags that is a subset
 * of the case's flags, or under every combination when the case is "final"; the "failure" ones must
 * fail under every combination that includes all of the case's flags. Nothing is skipped.
 */
class ScriptAssetsTest {
    static final String FILE = "script_assets_test.json.gz";

    /** Cases in the file, as PROVENANCE.md records; a truncated or swapped file fails here first. */
    private static final int CASES = 2760;

    /** How many disagreements are listed in full. */
    private static final int LISTED = 40;

    /**
     * Core's ALL_CONSENSUS_FLAGS: every set of the seven consensus flags in which WITNESS comes with
     * P2SH and TAPROOT with WITNESS (64 sets).
     */
    static final List<Set<ScriptFlag>> ALL_CONSENSUS_FLAGS;

    static {
        ScriptFlag[] bits = {ScriptFlag.P2SH, ScriptFlag.DERSIG, ScriptFlag.NULLDUMMY,
            ScriptFlag.CHECKLOCKTIMEVERIFY, ScriptFlag.CHECKSEQUENCEVERIFY, ScriptFlag.WITNESS, ScriptFlag.TAPROOT};
        List<Set<ScriptFlag>> all = new ArrayList<>();
        for (int i = 0; i < 1 << bits.length; i++) {
            EnumSet<ScriptFlag> s = EnumSet.noneOf(ScriptFlag.class);
            for (int b = 0; b < bits.length; b++) {
                if ((i & 1 << b) != 0) {
                    s.add(bits[b]);
                }
            }
            if (s.contains(ScriptFlag.WITNESS) && !s.contains(ScriptFlag.P2SH)
                    || s.contains(ScriptFlag.TAPROOT) && !s.contains(ScriptFlag.WITNESS)) {
                continue;
            }
            all.add(Collections.unmodifiableSet(s));
        }
        ALL_CONSENSUS_FLAGS = List.copyOf(all);
    }

    /** One case: the transaction (scriptSigs and witnesses empty), its spent outputs, the input tested. */
    record Case(int number, String comment, Transaction tx, List<TxOut> prevouts, int index, Set<ScriptFlag> flags,
            boolean isFinal, JsonNode success, JsonNode failure) {
        static Case parse(int number, JsonNode json) {
            // Core reads the transaction without witness (TX_NO_WITNESS); the dump has none.
            Transaction tx = Transaction.parse(Hex.decode(json.get("tx").asText()), false);
            List<TxOut> prevouts = new ArrayList<>();
            for (JsonNode p : json.get("prevouts")) {
                ByteReader r = new ByteReader(Hex.decode(p.asText()));
                prevouts.add(TxOut.read(r));
                r.expectEnd("prevout");
            }
            return new Case(number, json.get("comment").asText(), tx, List.copyOf(prevouts), json.get("index").asInt(),
                    ScriptFlags.parse(json.get("flags").asText()), json.path("final").asBoolean(false),
                    json.get("success"), json.get("failure"));
        }

        /** The comment's first path segment: legacy, inactive, sighash, tapscript, ... */
        String prefix() {
            int slash = comment.indexOf('/');
            return slash < 0 ? comment : comment.substring(0, slash);
        }

        /** The transaction with {@code spend}'s scriptSig and witness on the tested input. */
        Transaction with(JsonNode spend) {
            List<byte[]> items = new ArrayList<>();
            for (JsonNode w : spend.get("witness")) {
                items.add(Hex.decode(w.asText()));
            }
            Transaction.Builder b = tx.toBuilder();
            TxIn in = b.inputs().get(index);
            b.setInput(index, new TxIn(in.prevout(), Script.fromHex(spend.get("scriptSig").asText()), in.sequence(),
                    Witness.of(items)));
            return b.build();
        }

        ScriptError verify(Transaction spendingTx, PrecomputedTxData data, Set<ScriptFlag> flags) {
            TxOut spent = prevouts.get(index);
            return ScriptVerifier.verifyInput(spendingTx, index, spent.scriptPubKey(), spent.value(), flags, data);
        }
    }

    /** Counts for one comment prefix. */
    private static final class Tally {
        int cases;
        int successRuns;
        int failureRuns;
        int disagreeingCases;
    }

    /** One disagreement, stated so that it can be reproduced from the file alone. */
    private static String describe(Case c, String which, Set<ScriptFlag> flags, boolean expectValid, ScriptError got) {
        return String.format("case #%d %s (%s) with %s: expected %s, got %s", c.number(), c.comment(), which,
                ScriptFlags.format(flags), expectValid ? "valid" : "invalid", got.coreName());
    }

    /** Core's AssetTest for one case; the disagreements, empty when all agree. */
    static List<String> check(Case c, int[] runs) {
        List<String> out = new ArrayList<>();
        if (c.prevouts().size() != c.tx().inputs().size()) {
            out.add("case #" + c.number() + " " + c.comment() + ": " + c.prevouts().size() + " prevouts for "
                    + c.tx().inputs().size() + " inputs");
            return out;
        }
        if (c.success() != null) {
            Transaction tx = c.with(c.success());
            PrecomputedTxData data = new PrecomputedTxData(tx, c.prevouts());
            for (Set<ScriptFlag> flags : ALL_CONSENSUS_FLAGS) {
                if (c.isFinal() || c.flags().containsAll(flags)) {
                    runs[0]++;
                    ScriptError e = c.verify(tx, data, flags);
                    if (!e.isOk()) {
                        out.add(describe(c, "success", flags, true, e));
                    }
                }
            }
        }
        if (c.failure() != null) {
            Transaction tx = c.with(c.failure());
            PrecomputedTxData data = new PrecomputedTxData(tx, c.prevouts());
            for (Set<ScriptFlag> flags : ALL_CONSENSUS_FLAGS) {
                if (flags.containsAll(c.flags())) {
                    runs[1]++;
                    ScriptError e = c.verify(tx, data, flags);
                    if (e.isOk()) {
                        out.add(describe(c, "failure", flags, false, e));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void coreConsensusFlagCombinations() {
        assertEquals(64, ALL_CONSENSUS_FLAGS.size());
        assertTrue(ALL_CONSENSUS_FLAGS.contains(EnumSet.noneOf(ScriptFlag.class)));
        assertTrue(ALL_CONSENSUS_FLAGS.contains(ScriptFlags.MANDATORY));
        assertTrue(ALL_CONSENSUS_FLAGS.stream().noneMatch(s -> s.contains(ScriptFlag.WITNESS) && !s.contains(ScriptFlag.P2SH)));
    }

    /** The driver itself can fail: a key-path signature with one bit flipped must be caught. */
    @Test
    void aFlippedSignatureBitIsCaught() {
        JsonNode json = null;
        for (JsonNode j : CoreVectors.load(FILE)) {
            if (j.get("comment").asText().equals("sig/key")) {
                json = j.deepCopy();
                break;
            }
        }
        assertTrue(json != null, "no sig/key case");
        ArrayNode witness = (ArrayNode) json.get("success").get("witness");
        byte[] sig = Hex.decode(witness.get(0).asText());
        sig[7] ^= 0x10;
        witness.set(0, Hex.encode(sig));
        Case c = Case.parse(0, json);
        List<String> d = check(c, new int[2]);
        assertTrue(!d.isEmpty() && d.stream().allMatch(s -> s.contains("TAPROOT") && s.endsWith("got SCHNORR_SIG")),
                String.join("\n", d));
    }

    @Test
    void everyCaseAgreesWithCore() {
        Map<String, Tally> tallies = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        int number = 0;
        for (JsonNode json : CoreVectors.load(FILE)) {
            Case c = Case.parse(number++, json);
            Tally t = tallies.computeIfAbsent(c.prefix(), k -> new Tally());
            t.cases++;
            int[] runs = new int[2];
            List<String> d = check(c, runs);
            t.successRuns += runs[0];
            t.failureRuns += runs[1];
            if (!d.isEmpty()) {
                t.disagreeingCases++;
                disagreements.addAll(d);
            }
            assertTrue(runs[0] + runs[1] > 0, "case #" + c.number() + " " + c.comment() + " checks nothing");
        }
        StringBuilder table = new StringBuilder(String.format("%s: %d cases%n  %-12s %6s %9s %9s %10s%n", FILE,
                number, "prefix", "cases", "success", "failure", "disagree"));
        int disagreeing = 0;
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            disagreeing += t.disagreeingCases;
            table.append(String.format("  %-12s %6d %9d %9d %10d%n", e.getKey(), t.cases, t.successRuns,
                    t.failureRuns, t.disagreeingCases));
        }
        System.out.print(table);
        List<String> listed = disagreements.subList(0, Math.min(LISTED, disagreements.size()));
        listed.forEach(System.out::println);
        assertEquals(CASES, number, "cases in " + FILE);
        assertEquals(0, disagreeing, disagreeing + " of " + number + " cases disagree with Core ("
                + disagreements.size() + " flag runs); the first:\n" + String.join("\n", listed));
    }
}
