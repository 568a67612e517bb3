package org.nakamoto.chain.mempool;

import java.util.List;
import org.nakamoto.chain.consensus.CheckTxInputs;
import org.nakamoto.chain.consensus.RejectReason;
import org.nakamoto.chain.consensus.ValidationException;
import org.nakamoto.chain.model.Transaction;
import org.nakamoto.chain.codec.ByteWriter;
import org.nakamoto.chain.model.TxIn;
import org.nakamoto.chain.model.TxOut;
import org.nakamoto.chain.model.Witness;
import org.nakamoto.chain.script.Interpreter;
import org.nakamoto.chain.script.Opcodes;
import org.nakamoto.chain.script.ScriptCode;
import org.nakamoto.chain.script.Solver;
import org.nakamoto.chain.script.Taproot;
import org.nakamoto.chain.script.TaprootSpend;
import org.nakamoto.chain.script.WitnessProgram;
import org.nakamoto.chain.utxo.Coin;

/**
 * Relay policy (Bitcoin Core's policy.cpp): not consensus, so each node may choose. The knobs default to
 * Bitcoin Core's: 1 satoshi per byte minimum relay fee, a 300 MB pool, 100 orphans of up to 100 kB
 * each, standardness required ({@code -acceptnonstdtxn=0}), dust at 3000 sat/kvB ({@code -dustrelayfee}),
 * 100,000 bytes of OP_RETURN outputs per transaction ({@code -datacarriersize}) and bare multisig
 * outputs relayed ({@code -permitbaremultisig}). The standardness checks are pure functions of the
 * transaction and the coins it spends. Immutable and thread-safe.
 *
 * @param requireStandard      Core's require_standard: IsStandardTx, AreInputsStandard and
 *                             IsWitnessStandard apply (false only on test chains, -acceptnonstdtxn)
 * @param dustRelayFeeSatPerKb Core's -dustrelayfee: an output worth less than spending it costs at this
 *                             rate is dust
 * @param maxDatacarrierBytes  Core's max_datacarrier_bytes: the scriptPubKey bytes all OP_RETURN outputs of
 *                             one transaction may take together (0 with -datacarrier=0)
 * @param permitBareMultisig   Core's -permitbaremultisig
 */
public record MempoolPolicy(long minRelayFeeSatPerKb, long maxBytes, int maxOrphans, int maxOrphanSize,
        boolean requireStandard, long dustRelayFeeSatPerKb, int maxDatacarrierBytes, boolean permitBareMultisig) {
    /** Core's DUST_RELAY_TX_FEE, in satoshis per 1000 virtual bytes. */
    public static final long DUST_RELAY_TX_FEE = 3000;
    /** Core's MAX_OP_RETURN_RELAY (v30): as large as a standard transaction. */
    public static final int MAX_OP_RETURN_RELAY = 100_000;
    /** Core's MAX_DUST_OUTPUTS_PER_TX: one ephemeral dust output, on a zero-fee transaction. */
    public static final int MAX_DUST_OUTPUTS_PER_TX = 1;

    public static final MempoolPolicy DEFAULT = new MempoolPolicy(1000, 300L << 20, 100, 100_000);

    /** Core's defaults for everything but the fee and size knobs given. */
    public MempoolPolicy(long minRelayFeeSatPerKb, long maxBytes, int maxOrphans, int maxOrphanSize) {
        this(minRelayFeeSatPerKb, maxBytes, maxOrphans, maxOrphanSize, true, DUST_RELAY_TX_FEE, MAX_OP_RETURN_RELAY,
                true);
    }

    public MempoolPolicy {
        if (maxDatacarrierBytes < 0 || dustRelayFeeSatPerKb < 0) {
            throw new IllegalArgumentException("negative -datacarriersize or -dustrelayfee");
        }
    }

    /** This policy with standardness required or not (Core's {@code -acceptnonstdtxn}, inverted). */
    public MempoolPolicy withRequireStandard(boolean require) {
        return new MempoolPolicy(minRelayFeeSatPerKb, maxBytes, maxOrphans, maxOrphanSize, require,
                dustRelayFeeSatPerKb, maxDatacarrierBytes, permitBareMultisig);
    }

    /**
     * This policy for a node told {@code -acceptnonstdtxn}: permissive, as Core's functional tests run
     * where standardness is not what they test (the script flags stay the standard ones).
     */
    public MempoolPolicy acceptNonStandard() {
        return withRequireStandard(false);
    }

    /** This policy with Core's -datacarriersize (0 refuses every OP_RETURN output, as -datacarrier=0). */
    public MempoolPolicy withMaxDatacarrierBytes(int bytes) {
        return new MempoolPolicy(minRelayFeeSatPerKb, maxBytes, maxOrphans, maxOrphanSize, requireStandard,
                dustRelayFeeSatPerKb, bytes, permitBareMultisig);
    }

    /** This policy with Core's -permitbaremultisig. */
    public MempoolPolicy withPermitBareMultisig(boolean permit) {
        return new MempoolPolicy(minRelayFeeSatPerKb, maxBytes, maxOrphans, maxOrphanSize, requireStandard,
                dustRelayFeeSatPerKb, maxDatacarrierBytes, permit);
    }

    /** This policy with Core's -dustrelayfee, in satoshis per 1000 virtual bytes. */
    public MempoolPolicy withDustRelayFee(long satPerKb) {
        return new MempoolPolicy(minRelayFeeSatPerKb, maxBytes, maxOrphans, maxOrphanSize, requireStandard,
                satPerKb, maxDatacarrierBytes, permitBareMultisig);
    }

    /** Bitcoin Core's MAX_STANDARD_TX_SIGOPS_COST: a fifth of a block's limit per transaction. */
    public static final int MAX_STANDARD_TX_SIGOPS_COST = 16_000;
    /** Core's DEFAULT_BYTES_PER_SIGOP: the virtual bytes one unit of sigop cost counts as. */
    static final long BYTES_PER_SIGOP = 20;
    /**
     * Core's TX_MAX_STANDARD_VERSION: versions 1 and 2, and 3 (Core 28's TRUC; its topology limits are not
     * implemented here, so a version 3 transaction is relayed as a version 2 one would be).
     */
    public static final int MAX_STANDARD_VERSION = 3;
    /** Core's MAX_STANDARD_TX_WEIGHT: a legacy transaction of 100,000 bytes. */
    public static final long MAX_STANDARD_TX_WEIGHT = 400_000;
    /** Core's MAX_STANDARD_P2WSH_STACK_ITEMS: witness items besides the witness script. */
    public static final int MAX_STANDARD_P2WSH_STACK_ITEMS = 100;
    /** Core's MAX_STANDARD_P2WSH_STACK_ITEM_SIZE. */
    public static final int MAX_STANDARD_P2WSH_STACK_ITEM_SIZE = 80;
    /** Core's MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE: the inputs of a tapscript leaf (0xc0) spend. */
    public static final int MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE = 80;
    /** Core's MAX_STANDARD_P2WSH_SCRIPT_SIZE. */
    public static final int MAX_STANDARD_P2WSH_SCRIPT_SIZE = 3600;
    /** Core's MAX_STANDARD_SCRIPTSIG_SIZE. */
    public static final int MAX_STANDARD_SCRIPTSIG_SIZE = 1650;
    /** Core's MAX_P2SH_SIGOPS: sigops one pay-to-script-hash input may run and still be relayed. */
    public static final int MAX_P2SH_SIGOPS = 15;

    /**
     * The smallest fee a transaction of {@code size} virtual bytes must pay (Core's CFeeRate::GetFee:
     * truncated, at least 1). For legacy transactions virtual and serialized size are the same.
     */
    public long minFee(long size) {
        long fee = minRelayFeeSatPerKb * size / 1000;
        return fee == 0 && size > 0 && minRelayFeeSatPerKb > 0 ? 1 : fee;
    }

    /**
     * Bitcoin Core's IsStandardTx: a version from 1 to 3, bounded size, push-only scriptSigs of bounded
     * size (without them a single relayed transaction could make every node hash megabytes per signature
     * check: the legacy sighash is quadratic), outputs of standard templates only (so that every node can
     * spend what it relays), OP_RETURN data within {@link #maxDatacarrierBytes} together, bare multisig
     * only when permitted, and at most {@link #MAX_DUST_OUTPUTS_PER_TX} dust output.
     */
    public void checkStandard(Transaction tx) throws ValidationException {
        if (tx.version() < 1 || tx.version() > MAX_STANDARD_VERSION) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_VERSION, "version " + tx.version());
        }
        if (tx.weight() > MAX_STANDARD_TX_WEIGHT) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_SIZE, "weight " + tx.weight());
        }
        for (TxIn in : tx.inputs()) {
            byte[] sig = in.scriptSig().unsafeBytes();
            if (sig.length > MAX_STANDARD_SCRIPTSIG_SIZE) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_SCRIPTSIG_SIZE, sig.length + " bytes");
            }
            if (!ScriptCode.isPushOnly(sig)) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_SCRIPTSIG_NOT_PUSHONLY, tx.txid().toString());
            }
        }
        long datacarrierLeft = maxDatacarrierBytes;
        for (int o = 0; o < tx.outputs().size(); o++) {
            byte[] script = tx.outputs().get(o).scriptPubKey().unsafeBytes();
            Solver.Solution s = Solver.solve(script);
            if (!isStandard(s)) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_SCRIPTPUBKEY, "output " + o + ": " + s.type());
            }
            if (s.type() == Solver.Type.NULL_DATA) {
                if (script.length > datacarrierLeft) {
                    throw new ValidationException(RejectReason.TX_NONSTANDARD_DATACARRIER, "output " + o + ": "
                            + script.length + " bytes, " + datacarrierLeft + " left of " + maxDatacarrierBytes);
                }
                datacarrierLeft -= script.length;
            } else if (s.type() == Solver.Type.MULTISIG && !permitBareMultisig) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_BARE_MULTISIG, "output " + o);
            }
        }
        int dust = dustOutputs(tx);
        if (dust > MAX_DUST_OUTPUTS_PER_TX) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_DUST, dust + " dust outputs");
        }
    }

    /** Core's IsStandard for one output's template: bare multisig only from 1-of-1 to 3-of-3. */
    private static boolean isStandard(Solver.Solution s) {
        return switch (s.type()) {
            case NONSTANDARD -> false;
            case MULTISIG -> s.keys() >= 1 && s.keys() <= 3 && s.required() >= 1 && s.required() <= s.keys();
            default -> true;
        };
    }

    /**
     * Core's GetDustThreshold: what spending {@code out} would cost at the dust relay fee rate, its own
     * serialized size plus a typical input (148 bytes, or 67 virtual bytes spending a witness program);
     * 0 for an output nobody can spend (OP_RETURN, or a script over 10,000 bytes).
     */
    public long dustThreshold(TxOut out) {
        byte[] script = out.scriptPubKey().unsafeBytes();
        if ((script.length > 0 && (script[0] & 0xff) == Opcodes.OP_RETURN) || script.length > Interpreter.MAX_SCRIPT_SIZE) {
            return 0;
        }
        long size = 8 + ByteWriter.compactSizeLength(script.length) + script.length;
        // outpoint 36, scriptSig length 1, sequence 4; a 107-byte signature and key, in scriptSig or witness
        size += WitnessProgram.parse(script) != null ? 32 + 4 + 1 + 107 / Transaction.WITNESS_SCALE_FACTOR + 4
                : 32 + 4 + 1 + 107 + 4;
        return dustRelayFeeSatPerKb * size / 1000;
    }

    /** Core's IsDust. */
    public boolean isDust(TxOut out) {
        return out.value() < dustThreshold(out);
    }

    private int dustOutputs(Transaction tx) {
        int n = 0;
        for (TxOut out : tx.outputs()) {
            if (isDust(out)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Core's PreCheckEphemeralTx: a dust output is allowed only on a transaction paying no fee, so that it
     * is never worth mining alone and a child spending the dust has to carry it (ephemeral dust).
     */
    public void checkEphemeralDust(Transaction tx, long fee) throws ValidationException {
        if (fee != 0 && dustOutputs(tx) > 0) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_DUST, "tx with dust output must be 0-fee");
        }
    }

    /**
     * Core's AreInputsStandard: every spent output follows a known template (not NONSTANDARD, not a
     * witness version reserved for upgrades, whose spending rules may yet change), and no
     * pay-to-script-hash input runs more than {@link #MAX_P2SH_SIGOPS}.
     */
    public static void checkInputsStandard(Transaction tx, List<Coin> spent) throws ValidationException {
        for (int i = 0; i < tx.inputs().size(); i++) {
            Solver.Type type = Solver.solve(spent.get(i).output().scriptPubKey().unsafeBytes()).type();
            if (type == Solver.Type.NONSTANDARD || type == Solver.Type.WITNESS_UNKNOWN) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_INPUTS, "input " + i + " spends a "
                        + type + " output");
            }
            int n = CheckTxInputs.p2shSigOps(tx.inputs().get(i), spent.get(i));
            if (n > MAX_P2SH_SIGOPS) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_INPUTS, "input " + i
                        + " runs " + n + " sigops");
            }
        }
    }

    /**
     * Core's IsWitnessStandard: a witness only on inputs that spend witness programs (bare or in P2SH),
     * P2WSH witnesses within Core's item count and sizes, and taproot witnesses without an annex (it has
     * no meaning yet, so relaying one would only let it be stuffed with data) and, spending a tapscript
     * leaf, with inputs of at most {@link #MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE} bytes.
     */
    public static void checkWitnessStandard(Transaction tx, List<Coin> spent) throws ValidationException {
        if (!tx.hasWitness()) {
            return;
        }
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn in = tx.inputs().get(i);
            Witness w = in.witness();
            if (w.isEmpty()) {
                continue;
            }
            byte[] program = spent.get(i).output().scriptPubKey().unsafeBytes();
            WitnessProgram spentProgram = WitnessProgram.parse(program);
            if (spentProgram != null && spentProgram.isPayToAnchor()) {
                // Core: "witness stuffing" - an anchor is spent with an empty witness.
                throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i
                        + ": witness on a pay-to-anchor spend");
            }
            boolean p2sh = ScriptCode.isPayToScriptHash(program);
            if (p2sh) {
                // Push-only by checkStandard, so the last push is the redeem script.
                program = ScriptCode.lastPush(in.scriptSig().unsafeBytes());
                if (program == null) {
                    throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i + ": empty scriptSig");
                }
            }
            WitnessProgram p = WitnessProgram.parse(program);
            if (p == null) {
                throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS,
                        "input " + i + ": witness for an output that is no witness program");
            }
            if (p.isPayToWitnessScriptHash()) {
                if (w.size() - 1 > MAX_STANDARD_P2WSH_STACK_ITEMS) {
                    throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i + ": "
                            + (w.size() - 1) + " P2WSH stack items");
                }
                if (w.unsafeGet(w.size() - 1).length > MAX_STANDARD_P2WSH_SCRIPT_SIZE) {
                    throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i
                            + ": P2WSH script too large");
                }
                for (int j = 0; j < w.size() - 1; j++) {
                    if (w.unsafeGet(j).length > MAX_STANDARD_P2WSH_STACK_ITEM_SIZE) {
                        throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i
                                + ": P2WSH stack item too large");
                    }
                }
            }
            if (p.isPayToTaproot() && !p2sh) {
                checkTaprootWitness(i, w);
            }
        }
    }

    /** The taproot part of IsWitnessStandard for input {@code i}'s non-empty witness {@code w}. */
    private static void checkTaprootWitness(int i, Witness w) throws ValidationException {
        int n = w.size();
        if (TaprootSpend.hasAnnex(w)) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i + ": taproot annex");
        }
        if (n < 2) {
            return; // a key-path spend: no policy beyond the script flags
        }
        byte[] control = w.unsafeGet(n - 1);
        if (control.length == 0) {
            throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i + ": empty control block");
        }
        if ((control[0] & Taproot.LEAF_MASK) == Taproot.LEAF_VERSION_TAPSCRIPT) {
            for (int j = 0; j < n - 2; j++) {
                if (w.unsafeGet(j).length > MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE) {
                    throw new ValidationException(RejectReason.TX_NONSTANDARD_WITNESS, "input " + i
                            + ": tapscript stack item too large");
                }
            }
        }
    }

    /**
     * Core's policy virtual size (GetVirtualTransactionSize with -bytespersigop 20): the BIP 141 virtual
     * size, or 20 bytes per unit of sigop cost when that is larger, so a transaction packed with signature
     * checks pays for them. Fee rates, the minimum relay fee and mempool ordering use it.
     */
    public static long virtualSize(long weight, long sigOpCost) {
        long w = Math.max(weight, sigOpCost * BYTES_PER_SIGOP);
        return (w + Transaction.WITNESS_SCALE_FACTOR - 1) / Transaction.WITNESS_SCALE_FACTOR;
    }

    /**
     * The sigop cost limit, then the minimum relay fee by (sigop-adjusted) virtual size: Core's PreChecks
     * order, so a transaction failing both is refused as bad-txns-too-many-sigops.
     */
    public void checkSigOpsAndFee(Transaction tx, long fee, int sigOpCost) throws ValidationException {
        if (sigOpCost > MAX_STANDARD_TX_SIGOPS_COST) {
            throw new ValidationException(RejectReason.TX_TOO_MANY_SIGOPS, "cost " + sigOpCost + " > "
                    + MAX_STANDARD_TX_SIGOPS_COST);
        }
        long vsize = virtualSize(tx.weight(), sigOpCost);
        if (fee < minFee(vsize)) {
            throw new ValidationException(RejectReason.TX_FEE_TOO_LOW,
                    fee + " sat < " + minFee(vsize) + " sat for " + vsize + " vbytes");
        }
    }
}
