package org.nakamoto.chain.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.OutPoint;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.Witness;

/**
 * Bitcoin Core's script_tests.json, driven as Core's script_tests.cpp does: each row's scriptPubKey is
 * paid by a crediting transaction and spent by a one-input transaction carrying the row's scriptSig, and
 * {@link ScriptVerifier} must agree with Core on valid or not and on the error name. As in Core, each row
 * is then re-run under random flag changes that may not change the outcome: fewer flags on a valid
 * spend, more on an invalid one (soft forks only ever narrow).
 *
 * <p>Rows with a witness stack carry it (and the spent amount) in a leading array, as in Core; the
 * witness goes on the spending input. Taproot rows are completed as Core's script_tests.cpp completes
 * them: a {@code #SCRIPT#} item is written in script notation, {@code #CONTROLBLOCK#} is the control block
 * of a one-leaf tree holding that script (as tapscript, 0xc0) under a fixed internal key, and the
 * scriptPubKey {@code 0x51 0x20 #TAPROOTOUTPUT#} pays that tree's output key. Core finalizes the tree
 * with its test key {@code key0}, this test with BIP 341's unspendable point H: no row spends the key
 * path, so no outcome depends on which.
 */
class ScriptTestsVectorTest {
    /** Core re-runs every row under 16 random flag variations. */
    private static final int FLAG_VARIATIONS = 16;
    private static final String SCRIPT_ITEM = "#SCRIPT#";
    private static final String CONTROL_BLOCK_ITEM = "#CONTROLBLOCK#";
    private static final String TAPROOT_OUTPUT = "#TAPROOTOUTPUT#";
    /** BIP 341's H, lift_x(SHA256(G)): a point with no known discrete logarithm. */
    static final byte[] NUMS_H = Hex.decode("50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0");

    /** A one-leaf taproot tree over {@code leafScript} (tapscript) with internal key {@link #NUMS_H}. */
    record OneLeafTree(byte[] outputKey, byte[] controlBlock) {
        static OneLeafTree of(byte[] leafScript) {
            byte[] leafHash = Taproot.leafHash(Taproot.LEAF_VERSION_TAPSCRIPT, leafScript);
            // With one leaf the merkle root is the leaf's hash and the control block holds no path.
            Taproot.OutputKey key = Taproot.outputKey(NUMS_H, leafHash);
            byte[] control = new byte[Taproot.CONTROL_BASE_SIZE];
            control[0] = (byte) (Taproot.LEAF_VERSION_TAPSCRIPT | (key.oddY() ? 1 : 0));
            System.arraycopy(NUMS_H, 0, control, 1, 32);
            return new OneLeafTree(key.xOnly(), control);
        }
    }

    /** Core's BuildCreditingTransaction: a coinbase-like transaction paying {@code scriptPubKey}. */
    static Transaction crediting(Script scriptPubKey, long value) {
        return new Transaction.Builder()
                .version(1)
                .addInput(new TxIn(OutPoint.NULL, Script.fromHex("0000"), TxIn.SEQUENCE_FINAL))
                .addOutput(value, scriptPubKey)
                .lockTime(0)
                .build();
    }

    /** Core's BuildSpendingTransaction: spends output 0 of {@code credit} with {@code scriptSig}. */
    static Transaction spending(Script scriptSig, Transaction credit) {
        return spending(scriptSig, Witness.EMPTY, credit);
    }

    static Transaction spending(Script scriptSig, Witness witness, Transaction credit) {
        return new Transaction.Builder()
                .version(1)
                .addInput(new TxIn(new OutPoint(credit.txid(), 0), scriptSig, TxIn.SEQUENCE_FINAL, witness))
                .addOutput(credit.outputs().get(0).value(), Script.EMPTY)
                .lockTime(0)
                .build();
    }

    @Test
    void everyRowAgreesWithCore() {
        JsonNode rows = CoreVectors.load("script_tests.json");
        Random random = new Random(13);
        List<ScriptFlag> all = List.of(ScriptFlag.values());
        int run = 0;
        int outcomeAgrees = 0;
        int nameAgrees = 0;
        int witnessStack = 0;
        int witnessFlags = 0;
        int taproot = 0;
        List<String> outcomeMismatches = new ArrayList<>();
        List<String> nameMismatches = new ArrayList<>();
        List<String> variationMismatches = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.size() == 1) {
                continue; // a comment
            }
            int at = 0;
            OneLeafTree tree = null;
            Witness witness = Witness.EMPTY;
            long amount = 0;
            if (row.get(0).isArray()) {
                witnessStack++;
                JsonNode w = row.get(0);
                List<byte[]> items = new ArrayList<>();
                for (int i = 0; i < w.size() - 1; i++) {
                    String item = w.get(i).asText();
                    if (item.startsWith(SCRIPT_ITEM)) {
                        items.add(CoreScriptAsm.parse(item.substring(SCRIPT_ITEM.length())).bytes());
                    } else if (item.equals(CONTROL_BLOCK_ITEM)) {
                        // As Core: the tree's one leaf is the script pushed just before.
                        tree = OneLeafTree.of(items.get(items.size() - 1));
                        items.add(tree.controlBlock());
                    } else {
                        items.add(Hex.decode(item));
                    }
                }
                witness = Witness.of(items);
                amount = new BigDecimal(w.get(w.size() - 1).asText()).movePointRight(8).longValueExact();
                at = 1;
            }
            String flagText = row.get(at + 2).asText();
            if (at == 0 && CoreVectors.namesWitness(flagText)) {
                witnessFlags++;
            }
            run++;
            Script scriptSig = CoreScriptAsm.parse(row.get(at).asText());
            String pubKeyText = row.get(at + 1).asText();
            if (pubKeyText.contains(TAPROOT_OUTPUT)) {
                assertNotNull(tree, "a taproot output without a #CONTROLBLOCK# to build its tree: " + row);
                pubKeyText = pubKeyText.replace(TAPROOT_OUTPUT, "0x" + Hex.encode(tree.outputKey()));
                taproot++;
            }
            Script scriptPubKey = CoreScriptAsm.parse(pubKeyText);
            EnumSet<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
            flags.addAll(ScriptFlags.parse(flagText));
            // As Core's DoTest: CLEANSTACK is only defined together with P2SH and WITNESS.
            if (flags.contains(ScriptFlag.CLEANSTACK)) {
                flags.add(ScriptFlag.P2SH);
                flags.add(ScriptFlag.WITNESS);
            }
            String expected = row.get(at + 3).asText();
            boolean expectOk = expected.equals("OK");

            Transaction credit = crediting(scriptPubKey, amount);
            Transaction spend = spending(scriptSig, witness, credit);
            // The spent output too, as Core's DoTest: BIP 341 signs it.
            SignatureChecker checker = new TransactionSignatureChecker(spend, 0, amount,
                    new PrecomputedTxData(spend, List.of(credit.outputs().get(0))));
            ScriptError actual = ScriptVerifier.verify(scriptSig, scriptPubKey, witness, checker, flags);
            String line = "expected " + expected + " got " + actual.coreName() + ": " + row;
            if (actual.isOk() == expectOk) {
                outcomeAgrees++;
            } else {
                outcomeMismatches.add(line);
            }
            if (actual.coreName().equals(expected)) {
                nameAgrees++;
            } else {
                nameMismatches.add(line);
            }

            for (int v = 0; v < FLAG_VARIATIONS; v++) {
                EnumSet<ScriptFlag> varied = EnumSet.copyOf(flags);
                for (ScriptFlag f : all) {
                    if (random.nextBoolean()) {
                        if (expectOk) {
                            varied.remove(f);
                        } else {
                            varied.add(f);
                        }
                    }
                }
                if (varied.contains(ScriptFlag.CLEANSTACK)
                        && !(varied.contains(ScriptFlag.P2SH) && varied.contains(ScriptFlag.WITNESS))) {
                    continue; // not a valid combination, as in Core
                }
                if (varied.contains(ScriptFlag.WITNESS) && !varied.contains(ScriptFlag.P2SH)) {
                    continue;
                }
                ScriptError e = ScriptVerifier.verify(scriptSig, scriptPubKey, witness, checker, varied);
                if (e.isOk() != expectOk) {
                    variationMismatches.add("with " + ScriptFlags.format(varied) + " got " + e.coreName() + ": " + row);
                }
            }
        }
        // Printed, not logged: the counts are the test's report, and chain's tests run without a logging backend.
        System.out.printf("script_tests.json: %d rows run (%d with a witness stack, %d of them taproot, %d more with"
                + " WITNESS flags), %d agree on valid/invalid, %d on the exact error name; none skipped%n",
                run, witnessStack, taproot, witnessFlags, outcomeAgrees, nameAgrees);
        nameMismatches.forEach(m -> System.out.println("error name differs from Core: " + m));
        assertTrue(outcomeMismatches.isEmpty(), outcomeMismatches.size() + " rows disagree: " + outcomeMismatches);
        assertTrue(variationMismatches.isEmpty(),
                variationMismatches.size() + " flag variations change the outcome: " + variationMismatches);
        assertEquals(List.of(), nameMismatches, "error names differing from Core's");
        assertEquals(5, taproot, "Core's five taproot rows ran");
        assertEquals(rows.size(), run + comments(rows), "every row accounted for");
    }

    private static int comments(JsonNode rows) {
        int n = 0;
        for (JsonNode row : rows) {
            if (row.size() == 1) {
                n++;
            }
        }
        return n;
    }

    @Test
    void coreFlagTextParses() {
        assertEquals(Set.of(), ScriptFlags.parse("NONE"));
        assertEquals(Set.of(), ScriptFlags.parse("SCRIPT_VERIFY_NONE"));
        assertEquals(Set.of(), ScriptFlags.parse(""));
        assertEquals(EnumSet.of(ScriptFlag.P2SH, ScriptFlag.STRICTENC, ScriptFlag.DISCOURAGE_UPGRADABLE_NOPS),
                ScriptFlags.parse("P2SH,STRICTENC,DISCOURAGE_UPGRADABLE_NOPS"));
        assertEquals(EnumSet.of(ScriptFlag.P2SH, ScriptFlag.CLEANSTACK),
                ScriptFlags.parse("SCRIPT_VERIFY_CLEANSTACK,SCRIPT_VERIFY_P2SH"));
        assertEquals("P2SH,CLEANSTACK", ScriptFlags.format(EnumSet.of(ScriptFlag.CLEANSTACK, ScriptFlag.P2SH)));
        assertEquals("NONE", ScriptFlags.format(Set.of()));
        for (ScriptFlag f : ScriptFlag.values()) {
            assertEquals(EnumSet.of(f), ScriptFlags.parse(f.name()));
        }
        assertThrows(IllegalArgumentException.class, () -> ScriptFlags.parse("P2SH,NOT_A_FLAG"));
        assertTrue(ScriptFlags.STANDARD.containsAll(ScriptFlags.MANDATORY));
    }
}
