package org.nakamoto.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nakamoto.chain.codec.Hex;
import org.nakamoto.chain.model.Script;
import org.nakamoto.chain.params.Addresses;
import org.nakamoto.chain.params.NetworkParams;
import org.nakamoto.chain.script.Opcodes;
import org.nakamoto.chain.script.Solver;

/**
 * Scripts as Core shows them: {@code asm} (ScriptToAsmStr), {@code type} (Solver's names: pubkeyhash,
 * pubkey, scripthash, witness_v0_keyhash, witness_v0_scripthash, witness_v1_taproot, anchor,
 * witness_unknown, multisig, nulldata, nonstandard), {@code address} and {@code desc} (an inferred
 * descriptor with its checksum). Witness v1 and later addresses are bech32m (BIP350).
 */
final class ScriptJson {
    private static final Map<Integer, String> NAMES = opcodeNames();
    private static final Map<Integer, String> SIGHASH = Map.of(1, "ALL", 2, "NONE", 3, "SINGLE",
            0x81, "ALL|ANYONECANPAY", 0x82, "NONE|ANYONECANPAY", 0x83, "SINGLE|ANYONECANPAY");

    private ScriptJson() {
    }

    /** Core's scriptPubKey object: asm, desc, hex, address (when there is one), type. */
    static ObjectNode scriptPubKey(Script s, NetworkParams params) {
        ObjectNode o = Json.object();
        o.put("asm", asm(s, false));
        o.put("desc", Descriptors.infer(s, params));
        o.put("hex", Hex.encode(s.unsafeBytes()));
        address(s, params).ifPresent(a -> o.put("address", a));
        o.put("type", type(s));
        return o;
    }

    /** Core's scriptSig object: asm (with sighash types decoded) and hex. */
    static ObjectNode scriptSig(Script s) {
        ObjectNode o = Json.object();
        o.put("asm", asm(s, true));
        o.put("hex", Hex.encode(s.unsafeBytes()));
        return o;
    }

    /** The address of P2PKH, P2SH and witness-program scripts (Core's ExtractDestination), or empty. */
    static Optional<String> address(Script s, NetworkParams params) {
        return Addresses.of(s, params);
    }

    /** Core's Solver type name (GetTxnOutputType). */
    static String type(Script s) {
        return Solver.solve(s.unsafeBytes()).type().coreName();
    }

    /** A bare multisig script's threshold and keys (Solver's solutions, less n). */
    record Multisig(int m, List<byte[]> keys) {
    }

    /** For a script {@link #type} calls multisig: its threshold and keys. */
    static Multisig multisig(byte[] b) {
        return new Multisig(Solver.solve(b).required(), Solver.multisigKeys(b));
    }

    /**
     * Core's CScript::HasValidOps: every opcode parses, none is above OP_NOP10, no push is over 520 bytes.
     */
    static boolean hasValidOps(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int[] push = push(b, i);
            if (push == null) {
                if ((b[i] & 0xff) > Opcodes.OP_NOP10) {
                    return false;
                }
                i++;
            } else if (push[0] > b.length || push[1] > 520) {
                return false;
            } else {
                i = push[0] + push[1];
            }
        }
        return true;
    }

    /** BIP342's OP_SUCCESSx opcodes (Core's IsOpSuccess). */
    static boolean isOpSuccess(int op) {
        return op == 80 || op == 98 || op >= 126 && op <= 129 || op >= 131 && op <= 134 || op >= 137 && op <= 138
                || op >= 141 && op <= 142 || op >= 149 && op <= 153 || op >= 187 && op <= 254;
    }

    /** The opcodes of a script whose ops are valid (pushes included as their opcode byte). */
    static List<Integer> opcodes(byte[] b) {
        List<Integer> ops = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            ops.add(b[i] & 0xff);
            int[] push = push(b, i);
            i = push == null ? i + 1 : push[0] + push[1];
        }
        return ops;
    }

    /** For a data push at i: {data offset, data length}; null for a non-push opcode; {-1, -1} if truncated. */
    private static int[] push(byte[] b, int i) {
        int op = b[i] & 0xff;
        int len;
        int off;
        if (op >= 1 && op < Opcodes.OP_PUSHDATA1) {
            len = op;
            off = i + 1;
        } else if (op == Opcodes.OP_PUSHDATA1 && i + 1 < b.length) {
            len = b[i + 1] & 0xff;
            off = i + 2;
        } else if (op == Opcodes.OP_PUSHDATA2 && i + 2 < b.length) {
            len = (b[i + 1] & 0xff) | (b[i + 2] & 0xff) << 8;
            off = i + 3;
        } else if (op == Opcodes.OP_PUSHDATA4 && i + 4 < b.length) {
            len = (b[i + 1] & 0xff) | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff) << 16 | (b[i + 4] & 0x7f) << 24;
            off = i + 5;
        } else if (op >= Opcodes.OP_PUSHDATA1 && op <= Opcodes.OP_PUSHDATA4) {
            return new int[] {b.length + 1, 0};
        } else {
            return null;
        }
        return off + len > b.length ? new int[] {b.length + 1, 0} : new int[] {off, len};
    }

    /** Core's ScriptToAsmStr. */
    static String asm(Script s, boolean decodeSighash) {
        byte[] b = s.unsafeBytes();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < b.length) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            int op = b[i] & 0xff;
            int[] push = push(b, i);
            if (push != null) {
                if (push[0] > b.length) {
                    sb.append("[error]");
                    break;
                }
                byte[] data = Arrays.copyOfRange(b, push[0], push[0] + push[1]);
                sb.append(pushAsm(data, decodeSighash));
                i = push[0] + push[1];
                continue;
            }
            if (op == Opcodes.OP_0) {
                sb.append('0');
            } else if (op == Opcodes.OP_1NEGATE) {
                sb.append("-1");
            } else if (op >= Opcodes.OP_1 && op <= Opcodes.OP_16) {
                sb.append(op - Opcodes.OP_1 + 1);
            } else {
                sb.append(NAMES.getOrDefault(op, "OP_UNKNOWN"));
            }
            i++;
        }
        return sb.toString();
    }

    private static String pushAsm(byte[] data, boolean decodeSighash) {
        if (data.length <= 4) {
            return Long.toString(scriptNum(data));
        }
        if (decodeSighash && data.length >= 9 && data[0] == 0x30) {
            String type = SIGHASH.get(data[data.length - 1] & 0xff);
            if (type != null) {
                return Hex.encode(Arrays.copyOf(data, data.length - 1)) + "[" + type + "]";
            }
        }
        return Hex.encode(data);
    }

    /** CScriptNum of up to 4 bytes, little-endian sign-magnitude. */
    private static long scriptNum(byte[] d) {
        if (d.length == 0) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < d.length; i++) {
            v |= (long) (d[i] & 0xff) << (8 * i);
        }
        if ((d[d.length - 1] & 0x80) != 0) {
            return -(v & ~(0x80L << (8 * (d.length - 1))));
        }
        return v;
    }

    private static Map<Integer, String> opcodeNames() {
        Map<Integer, String> m = new HashMap<>();
        for (Field f : Opcodes.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class || !f.getName().startsWith("OP_")) {
                continue;
            }
            try {
                int v = f.getInt(null);
                String name = f.getName();
                // Core names the aliased NOPs by their soft-fork meaning and OP_0/OP_1 as numbers (handled above).
                if (name.equals("OP_FALSE") || name.equals("OP_TRUE") || name.startsWith("OP_NOP2") && m.containsKey(v)) {
                    continue;
                }
                m.merge(v, name, (a, b) -> a.startsWith("OP_CHECK") ? a : b.startsWith("OP_CHECK") ? b : a);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return Map.copyOf(m);
    }
}
