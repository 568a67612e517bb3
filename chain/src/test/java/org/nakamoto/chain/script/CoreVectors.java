package org.nakamoto.chain.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import org.nakamoto.chain.model.Script;

/** Loading Bitcoin Core's JSON vectors (test resources bitcoin/core/, see PROVENANCE.md there) for tests. */
final class CoreVectors {
    private CoreVectors() {
    }

    static JsonNode load(String file) {
        try (InputStream in = CoreVectors.class.getResourceAsStream("/bitcoin/core/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource bitcoin/core/" + file);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a flag string names segwit or taproot. */
    static boolean namesWitness(String flags) {
        return flags.contains("WITNESS") || flags.contains("TAPROOT");
    }

    /** Whether a flag string names taproot or tapscript policy, which this interpreter does not implement yet. */
    static boolean namesTaproot(String flags) {
        return flags.contains("TAPROOT") || flags.contains("OP_SUCCESS") || flags.contains("UPGRADABLE_PUBKEYTYPE");
    }

    /** The flags this interpreter implements: Core's full set without the taproot ones. */
    static Set<ScriptFlag> implemented() {
        EnumSet<ScriptFlag> s = EnumSet.noneOf(ScriptFlag.class);
        for (ScriptFlag f : ScriptFlag.values()) {
            if (!namesTaproot(f.name())) {
                s.add(f);
            }
        }
        return s;
    }

    /**
     * A BIP 141 witness program: a version opcode (OP_0, OP_1..OP_16) then one direct push of 2 to 40
     * bytes, and nothing else. Spending one needs segwit once WITNESS applies.
     */
    static boolean isWitnessProgram(byte[] s) {
        if (s.length < 4 || s.length > 42) {
            return false;
        }
        int version = s[0] & 0xff;
        if (version != Opcodes.OP_0 && (version < Opcodes.OP_1 || version > Opcodes.OP_16)) {
            return false;
        }
        return (s[1] & 0xff) + 2 == s.length;
    }

    /** Whether spending {@code scriptPubKey} with {@code scriptSig} would involve a (P2SH-wrapped) witness program. */
    static boolean spendsWitnessProgram(Script scriptSig, Script scriptPubKey) {
        byte[] spk = scriptPubKey.unsafeBytes();
        if (isWitnessProgram(spk)) {
            return true;
        }
        if (!ScriptCode.isPayToScriptHash(spk)) {
            return false;
        }
        byte[] lastPush = null;
        ScriptCursor c = new ScriptCursor(scriptSig.unsafeBytes());
        while (c.next()) {
            lastPush = c.data();
        }
        return lastPush != null && isWitnessProgram(lastPush);
    }
}
