/**
 * Legacy (pre-segwit) script: the interpreter, following Core's {@code EvalScript}, the legacy signature
 * hash, the signature checker over one transaction input, P2SH, and builders for the standard scripts.
 * A script failure is a {@link org.nakamoto.chain.script.ScriptError} value, never an exception to the caller.
 *
 * <p>Threads: an {@code Interpreter}, its {@code ScriptStack}s, {@code ConditionStack} and
 * {@code ScriptCursor} live for one evaluation on one thread. {@code ScriptVerifier}, {@code SignatureHash},
 * {@code ScriptCode}, {@code ScriptNum} and the other helpers are stateless, and a
 * {@code TransactionSignatureChecker} is immutable, so block validation may run inputs on many threads at
 * once. {@code ScriptBuilder} is a mutable builder for one thread.
 */
package org.nakamoto.chain.script;
