package org.nakamoto.chain.script;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Named sets of {@link ScriptFlag}s, in one place, and their text form ("P2SH,STRICTENC", as Core's test
 * vectors write them). The sets are unmodifiable. Stateless.
 */
public final class ScriptFlags {
    /** No flag: the original script rules. */
    public static final Set<ScriptFlag> NONE = Collections.unmodifiableSet(EnumSet.noneOf(ScriptFlag.class));

    /**
     * Core's {@code MANDATORY_SCRIPT_VERIFY_FLAGS}: the soft forks every block since segwit's activation
     * follows, so a transaction failing one is invalid, not just non-standard.
     */
    public static final Set<ScriptFlag> MANDATORY = Collections.unmodifiableSet(EnumSet.of(
            ScriptFlag.P2SH, ScriptFlag.DERSIG, ScriptFlag.NULLDUMMY, ScriptFlag.CHECKLOCKTIMEVERIFY,
            ScriptFlag.CHECKSEQUENCEVERIFY, ScriptFlag.WITNESS, ScriptFlag.TAPROOT));

    /**
     * Core's {@code STANDARD_SCRIPT_VERIFY_FLAGS}: what relay policy applies to a transaction's scripts.
     * Scripts failing only these may still be valid in blocks. The DISCOURAGE_ flags keep what future soft
     * forks may give a meaning (unknown witness versions, leaf versions, OP_SUCCESSx, tapscript key types)
     * out of the mempool, so that no node relays a spend that such a fork would make invalid.
     */
    public static final Set<ScriptFlag> STANDARD;

    /** Every flag Core's test vectors name: tx_valid.json lists the flags to leave out of this set. */
    public static final Set<ScriptFlag> ALL = Collections.unmodifiableSet(EnumSet.allOf(ScriptFlag.class));

    static {
        EnumSet<ScriptFlag> s = EnumSet.copyOf(MANDATORY);
        s.addAll(EnumSet.of(ScriptFlag.STRICTENC, ScriptFlag.MINIMALDATA, ScriptFlag.DISCOURAGE_UPGRADABLE_NOPS,
                ScriptFlag.CLEANSTACK, ScriptFlag.MINIMALIF, ScriptFlag.NULLFAIL, ScriptFlag.LOW_S,
                ScriptFlag.CONST_SCRIPTCODE, ScriptFlag.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM,
                ScriptFlag.WITNESS_PUBKEYTYPE, ScriptFlag.DISCOURAGE_UPGRADABLE_TAPROOT_VERSION,
                ScriptFlag.DISCOURAGE_OP_SUCCESS, ScriptFlag.DISCOURAGE_UPGRADABLE_PUBKEYTYPE));
        STANDARD = Collections.unmodifiableSet(s);
    }

    private static final String CORE_PREFIX = "SCRIPT_VERIFY_";

    private ScriptFlags() {
    }

    /**
     * Parses Core's comma-separated form. "", "NONE" and "SCRIPT_VERIFY_NONE" are the empty set; each name
     * may carry Core's {@code SCRIPT_VERIFY_} prefix.
     *
     * @throws IllegalArgumentException on a name that is no flag
     */
    public static Set<ScriptFlag> parse(String text) {
        EnumSet<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
        for (String word : text.split(",", -1)) {
            String name = word.strip();
            if (name.startsWith(CORE_PREFIX)) {
                name = name.substring(CORE_PREFIX.length());
            }
            if (name.isEmpty() || name.equals("NONE")) {
                continue;
            }
            try {
                flags.add(ScriptFlag.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown script flag '" + word + "' in \"" + text + "\"", e);
            }
        }
        return flags;
    }

    /** Core's form: names joined by commas in declaration order, "NONE" for the empty set. */
    public static String format(Set<ScriptFlag> flags) {
        if (flags.isEmpty()) {
            return "NONE";
        }
        StringJoiner j = new StringJoiner(",");
        for (ScriptFlag f : ScriptFlag.values()) {
            if (flags.contains(f)) {
                j.add(f.name());
            }
        }
        return j.toString();
    }

    /** The set as the interpreter's bitmask, computed once per verification, never per opcode. */
    static int mask(Set<ScriptFlag> flags) {
        int m = 0;
        for (ScriptFlag f : flags) {
            m |= f.bit;
        }
        return m;
    }
}
