/**
 * Legacy (pre-segwit) script: the interpreter, following Core's {@code EvalScript}, the legacy signature
 * hash, the signature and lock-time checker over one transaction input, P2SH, and builders for the
 * standard scripts. Which soft-fork and policy rules apply is a set of
 * {@link org.nakamoto.chain.script.ScriptFlag}s per evaluation, under Core's names; Core's mandatory and
 * standard sets are in {@link org.nakamoto.chain.script.ScriptFlags}. A script failure is a
 * {@link org.nakamoto.chain.script.ScriptError} value named as Core names it, never an exception to the
 * caller. Core's script_tests, tx_valid and tx_invalid vectors are this package's tests.
 *
 * <p>Threads: an {@code Interpreter}, its {@code ScriptStack}s, {@code ConditionStack} and
 * {@code ScriptCursor} live for one evaluation on one thread. {@code ScriptVerifier}, {@code SignatureHash},
 * {@code ScriptCode}, {@code ScriptNum} and the other helpers are stateless, and a
 * {@code TransactionSignatureChecker} is immutable, so block validation may run inputs on many threads at
 * once. {@code ScriptBuilder} is a mutable builder for one thread.
 */
package org.nakamoto.chain.script;
