package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.consensus.TransactionChecks;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Hash256;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;

/**
 * Bitcoin Core's tx_valid.json and tx_invalid.json, driven as Core's transaction_tests.cpp does.
 * tx_valid: the listed flags are left out of Core's full set, every input must verify under the rest, and
 * still verify with any further flags removed; adding back any one listed flag must make the
 * transaction fail (the list is maximal). tx_invalid: the listed flags are applied and some input must
 * fail, still fail with any flags added, and pass once any one listed flag is removed (the list is
 * minimal); "BADTX" means Core's CheckTransaction ({@link TransactionChecks} here) must reject it.
 *
 * <p>Every row runs, segwit ones included (a prevout's optional fourth column is the spent amount), under
 * flag sets that include taproot's: as in Core, the transaction's spent outputs are known to the
 * signature checker, so a taproot input would be checked as in a block.
 */
class TransactionVectorsTest {
    /** Core's CheckTransaction bound: MAX_BLOCK_WEIGHT / WITNESS_SCALE_FACTOR for the stripped size. */
    private static final int MAX_TX_SIZE = 1_000_000;

    /** One vector: the transaction and the scriptPubKeys of the outputs it spends. */
    private record Row(String json, Transaction tx, Map<OutPoint, Script> spent, Map<OutPoint, Long> amounts,
            String flags) {
    }

    private static Row parse(JsonNode json) {
        Map<OutPoint, Script> spent = new HashMap<>();
        Map<OutPoint, Long> amounts = new HashMap<>();
        for (JsonNode prevout : json.get(0)) {
            long index = prevout.get(1).asLong() & 0xffffffffL; // -1 is the coinbase's 0xffffffff
            OutPoint op = new OutPoint(Hash256.fromHex(prevout.get(0).asText()), index);
            spent.put(op, CoreScriptAsm.parse(prevout.get(2).asText()));
            amounts.put(op, prevout.size() >= 4 ? prevout.get(3).asLong() : 0L);
        }
        return new Row(json.toString(), Transaction.fromHex(json.get(1).asText()), spent, amounts,
                json.get(2).asText());
    }

    /** Verifies every input under {@code flags}; the first failure, or OK. */
    private static ScriptError verifyAll(Row row, Set<ScriptFlag> flags) {
        Transaction tx = row.tx();
        List<TxOut> spentOutputs = new ArrayList<>();
        for (TxIn in : tx.inputs()) {
            Script spk = row.spent().get(in.prevout());
            if (spk == null) {
                throw new IllegalStateException("vector lacks prevout " + in.prevout() + ": " + row.json());
            }
            spentOutputs.add(new TxOut(row.amounts().get(in.prevout()), spk));
        }
        PrecomputedTxData data = new PrecomputedTxData(tx, spentOutputs);
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxOut spent = spentOutputs.get(i);
            ScriptError e = ScriptVerifier.verifyInput(tx, i, spent.scriptPubKey(), spent.value(), flags, data);
            if (!e.isOk()) {
                return e;
            }
        }
        return ScriptError.OK;
    }

    private static boolean passesCheckTransaction(Transaction tx) {
        try {
            TransactionChecks.check(tx, MAX_TX_SIZE);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    @Test
    void everyValidTransactionPasses() {
        Random random = new Random(13);
        List<String> failures = new ArrayList<>();
        int run = 0;
        int witnessRows = 0;
        for (JsonNode json : CoreVectors.load("tx_valid.json")) {
            if (!json.get(0).isArray()) {
                continue; // a comment
            }
            Set<ScriptFlag> excluded = ScriptFlags.parse(json.get(2).asText());
            Set<ScriptFlag> applied = EnumSet.complementOf(copy(excluded));
            run++;
            Row row = parse(json);
            if (row.tx().hasWitness()) {
                witnessRows++;
            }
            if (!passesCheckTransaction(row.tx())) {
                failures.add("CheckTransaction rejects: " + row.json());
                continue;
            }
            ScriptError e = verifyAll(row, applied);
            if (!e.isOk()) {
                failures.add(e.coreName() + ": " + row.json());
                continue;
            }
            // Removing flags never invalidates a valid transaction.
            for (ScriptFlag f : ScriptFlag.values()) {
                expect(true, row, trim(without(applied, f)), failures);
                expect(true, row, trim(without(applied, randomSubset(random))), failures);
            }
            // The listed flags are maximal: adding back any one of them makes it fail.
            for (Set<ScriptFlag> excludedLessOne : excludeIndividually(excluded)) {
                expect(false, row, EnumSet.complementOf(copy(excludedLessOne)), failures);
            }
        }
        System.out.printf("tx_valid.json: %d rows run (%d with witnesses), %d pass; none skipped%n", run, witnessRows,
                run - rowsIn(failures));
        assertTrue(failures.isEmpty(), failures.size() + " failures: " + String.join("\n", failures));
        assertTrue(run > 0);
    }

    @Test
    void everyInvalidTransactionIsRejected() {
        Random random = new Random(13);
        List<String> failures = new ArrayList<>();
        int run = 0;
        int witnessRows = 0;
        int badTx = 0;
        for (JsonNode json : CoreVectors.load("tx_invalid.json")) {
            if (!json.get(0).isArray()) {
                continue;
            }
            String flagText = json.get(2).asText();
            run++;
            Row row = parse(json);
            if (row.tx().hasWitness()) {
                witnessRows++;
            }
            boolean checks = passesCheckTransaction(row.tx());
            if (flagText.equals("BADTX") || !checks) {
                if (checks || !flagText.equals("BADTX")) {
                    failures.add("CheckTransaction " + (checks ? "accepts" : "rejects") + ": " + row.json());
                } else {
                    badTx++;
                }
                continue;
            }
            Set<ScriptFlag> applied = ScriptFlags.parse(flagText);
            if (verifyAll(row, applied).isOk()) {
                failures.add("passes: " + row.json());
                continue;
            }
            // Adding flags never validates an invalid transaction.
            for (ScriptFlag f : ScriptFlag.values()) {
                expect(false, row, fill(with(applied, f)), failures);
                expect(false, row, fill(with(applied, randomSubset(random))), failures);
            }
            // The listed flags are minimal: without any one of them it passes.
            for (Set<ScriptFlag> lessOne : excludeIndividually(applied)) {
                expect(true, row, lessOne, failures);
            }
        }
        System.out.printf("tx_invalid.json: %d rows run (%d of them BADTX, %d with witnesses), %d rejected;"
                + " none skipped%n", run, badTx, witnessRows, run - rowsIn(failures));
        assertTrue(failures.isEmpty(), failures.size() + " failures: " + String.join("\n", failures));
        assertTrue(run > 0);
    }

    private static void expect(boolean valid, Row row, Set<ScriptFlag> flags, List<String> failures) {
        ScriptError e = verifyAll(row, flags);
        if (e.isOk() != valid) {
            failures.add((valid ? "fails (" + e.coreName() + ")" : "passes") + " with " + ScriptFlags.format(flags)
                    + ": " + row.json());
        }
    }

    /** Distinct rows among the failure lines (a row may fail several variations). */
    private static int rowsIn(List<String> failures) {
        Set<String> rows = new LinkedHashSet<>();
        failures.forEach(f -> rows.add(f.substring(f.indexOf(": [") + 2)));
        return rows.size();
    }

    /** Core's TrimFlags: WITNESS needs P2SH, CLEANSTACK needs WITNESS; drop what lacks its prerequisite. */
    private static Set<ScriptFlag> trim(Set<ScriptFlag> flags) {
        EnumSet<ScriptFlag> s = copy(flags);
        if (!s.contains(ScriptFlag.P2SH)) {
            s.remove(ScriptFlag.WITNESS);
        }
        if (!s.contains(ScriptFlag.WITNESS)) {
            s.remove(ScriptFlag.CLEANSTACK);
        }
        return s;
    }

    /** Core's FillFlags: add the prerequisites instead. */
    private static Set<ScriptFlag> fill(Set<ScriptFlag> flags) {
        EnumSet<ScriptFlag> s = copy(flags);
        if (s.contains(ScriptFlag.CLEANSTACK)) {
            s.add(ScriptFlag.WITNESS);
        }
        if (s.contains(ScriptFlag.WITNESS)) {
            s.add(ScriptFlag.P2SH);
        }
        return s;
    }

    /** Core's ExcludeIndividualFlags: each valid set with one flag fewer, without duplicates. */
    private static Set<Set<ScriptFlag>> excludeIndividually(Set<ScriptFlag> flags) {
        Set<Set<ScriptFlag>> out = new LinkedHashSet<>();
        for (ScriptFlag f : ScriptFlag.values()) {
            Set<ScriptFlag> less = trim(without(flags, f));
            if (!less.equals(flags)) {
                out.add(less);
            }
        }
        return out;
    }

    private static Set<ScriptFlag> randomSubset(Random random) {
        EnumSet<ScriptFlag> s = EnumSet.noneOf(ScriptFlag.class);
        for (ScriptFlag f : ScriptFlag.values()) {
            if (random.nextBoolean()) {
                s.add(f);
            }
        }
        return s;
    }

    private static EnumSet<ScriptFlag> copy(Set<ScriptFlag> flags) {
        return flags.isEmpty() ? EnumSet.noneOf(ScriptFlag.class) : EnumSet.copyOf(flags);
    }

    private static Set<ScriptFlag> without(Set<ScriptFlag> flags, ScriptFlag f) {
        EnumSet<ScriptFlag> s = copy(flags);
        s.remove(f);
        return s;
    }

    private static Set<ScriptFlag> without(Set<ScriptFlag> flags, Set<ScriptFlag> removed) {
        EnumSet<ScriptFlag> s = copy(flags);
        s.removeAll(removed);
        return s;
    }

    private static Set<ScriptFlag> with(Set<ScriptFlag> flags, ScriptFlag f) {
        EnumSet<ScriptFlag> s = copy(flags);
        s.add(f);
        return s;
    }

    private static Set<ScriptFlag> with(Set<ScriptFlag> flags, Set<ScriptFlag> added) {
        EnumSet<ScriptFlag> s = copy(flags);
        s.addAll(added);
        return s;
    }

    @Test
    void flagHelpersFollowCore() {
        assertEquals(EnumSet.of(ScriptFlag.P2SH), trim(EnumSet.of(ScriptFlag.P2SH, ScriptFlag.CLEANSTACK)));
        assertEquals(EnumSet.of(ScriptFlag.CLEANSTACK, ScriptFlag.WITNESS, ScriptFlag.P2SH),
                fill(EnumSet.of(ScriptFlag.CLEANSTACK)));
        assertEquals(Set.of(EnumSet.noneOf(ScriptFlag.class), EnumSet.of(ScriptFlag.MINIMALDATA)),
                excludeIndividually(EnumSet.of(ScriptFlag.MINIMALDATA, ScriptFlag.CLEANSTACK)));
    }
}
