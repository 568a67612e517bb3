/**
 * Bitcoin script: the interpreter, following Core's {@code EvalScript}, for legacy scripts, segwit v0
 * (BIP 141/143) and tapscript (BIP 342); P2SH and witness programs ({@code ScriptVerifier},
 * {@code WitnessProgram}), taproot's key and script paths ({@code TaprootSpend}, BIP 341) and its tree
 * ({@code Taproot}); the legacy, BIP 143 and BIP 341 signature hashes; the signature and lock-time checker
 * over one transaction input; signers and builders for the standard scripts. Which soft-fork and policy rules apply is a set of
 * {@link org.nakamoto.chain.script.ScriptFlag}s per evaluation, under Core's names; Core's mandatory and
 * standard sets are in {@link org.nakamoto.chain.script.ScriptFlags}. A script failure is a
 * {@link org.nakamoto.chain.script.ScriptError} value named as Core names it, never an exception to the
 * caller. Core's script_tests, tx_valid and tx_invalid vectors are this package's tests.
 *
 * <p>Threads: an {@code Interpreter}, its {@code ScriptStack}s, {@code ConditionStack} and
 * {@code ScriptCursor} live for one evaluation on one thread, and so does a {@code ScriptExecutionData}. {@code ScriptVerifier}, {@code SignatureHash},
 * {@code ScriptCode}, {@code ScriptNum} and the other helpers are stateless, and a
 * {@code TransactionSignatureChecker} is immutable, so block validation may run inputs on many threads at
 * once. {@code ScriptBuilder} is a mutable builder for one thread.
 */
package org.nakamoto.chain.script;
