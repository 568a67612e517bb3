package org.nakamoto.chain.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.nakamoto.chain.script.ScriptError;
import org.nakamoto.chain.script.ScriptErrorText;
import org.nakamoto.chain.script.ScriptFlag;
import org.nakamoto.chain.script.ScriptFlags;
import org.nakamoto.chain.script.ScriptVerifier;

/**
 * Runs input scripts through the interpreter. With an executor, a block's checks are split into one
 * slice per worker and run in parallel (signature checks dominate block validation); small batches
 * run on the caller's thread, where the hand-off would cost more than it saves. Thread-safe.
 *
 * <p>The flags come with each call: a block's from {@link BlockScriptFlags}, the mempool's Core's standard
 * set. A failure is reported as Core's CheckInputScripts does: under flags beyond the mandatory ones it is
 * the mempool's {@link RejectReason#TX_SCRIPT_FAILED}, otherwise a block's {@link RejectReason#SCRIPT_FAILED},
 * each with Core's script error text in its reject string.
 *
 * <p>Counts every input it evaluates ({@link #inputsVerified()}), so the node can export how much
 * signature work it does and tests can check that nothing verifies an input twice.
 */
public final class ScriptInputVerifier implements InputVerifier {
    private static final int PARALLEL_THRESHOLD = 16;
    /** Core's STANDARD_NOT_MANDATORY_VERIFY_FLAGS. */
    private static final Set<ScriptFlag> POLICY_ONLY;

    static {
        EnumSet<ScriptFlag> s = EnumSet.copyOf(ScriptFlags.STANDARD);
        s.removeAll(ScriptFlags.MANDATORY);
        POLICY_ONLY = Collections.unmodifiableSet(s);
    }

    private final ExecutorService pool;
    private final int slices;
    private final LongAdder verified = new LongAdder();

    private ScriptInputVerifier(ExecutorService pool, int slices) {
        this.pool = pool;
        this.slices = slices;
    }

    public static ScriptInputVerifier sequential() {
        return new ScriptInputVerifier(null, 1);
    }

    /** Uses {@code pool} (owned by the caller) with {@code slices} parallel slices per batch. */
    public static ScriptInputVerifier parallel(ExecutorService pool, int slices) {
        return new ScriptInputVerifier(pool, Math.max(1, slices));
    }

    /** Inputs whose scripts this verifier has evaluated, passing or failing, since it was made. */
    public long inputsVerified() {
        return verified.sum();
    }

    @Override
    public void verify(List<InputCheck> checks, Set<ScriptFlag> flags) throws ValidationException {
        // A private copy: the set is read from several threads and must not change under them.
        Set<ScriptFlag> fixed = flags.isEmpty() ? EnumSet.noneOf(ScriptFlag.class) : EnumSet.copyOf(flags);
        // As Core's CheckInputScripts: a failure under flags beyond the mandatory ones is the mempool's
        // policy check; under consensus flags alone it is a block's.
        RejectReason failure = Collections.disjoint(fixed, POLICY_ONLY) ? RejectReason.SCRIPT_FAILED
                : RejectReason.TX_SCRIPT_FAILED;
        if (pool == null || slices == 1 || checks.size() < PARALLEL_THRESHOLD) {
            verifyRange(checks, 0, checks.size(), fixed, failure);
            return;
        }
        int per = (checks.size() + slices - 1) / slices;
        List<Future<ValidationException>> parts = new ArrayList<>();
        for (int from = per; from < checks.size(); from += per) {
            int start = from;
            int end = Math.min(checks.size(), from + per);
            parts.add(pool.submit(() -> {
                try {
                    verifyRange(checks, start, end, fixed, failure);
                    return null;
                } catch (ValidationException e) {
                    return e;
                }
            }));
        }
        ValidationException first = null;
        try {
            verifyRange(checks, 0, Math.min(per, checks.size()), fixed, failure);
        } catch (ValidationException e) {
            first = e;
        }
        for (Future<ValidationException> f : parts) {
            try {
                ValidationException e = f.get();
                if (first == null) {
                    first = e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying scripts", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("script verification failed unexpectedly", e.getCause());
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void verifyRange(List<InputCheck> checks, int from, int to, Set<ScriptFlag> flags, RejectReason failure)
            throws ValidationException {
        for (int i = from; i < to; i++) {
            InputCheck c = checks.get(i);
            // The transaction's shared data: its signature-hash parts are hashed once, whichever slice asks first.
            ScriptError err = ScriptVerifier.verifyInput(c.tx(), c.index(), c.spentScriptPubKey(), c.spentValue(),
                    flags, c.txData());
            verified.increment();
            if (!err.isOk()) {
                throw new ValidationException(failure, failure.code() + " (" + ScriptErrorText.of(err) + ")",
                        "input " + c.index() + " of " + c.tx().txid() + ": " + err.message());
            }
        }
    }
}
