/**
 * Bytes in and out: Bitcoin's little-endian integers and CompactSize ({@link org.nakamoto.chain.codec.ByteReader},
 * {@link org.nakamoto.chain.codec.ByteWriter}), hex, Base58 and Base58Check, bech32 and bech32m
 * ({@link org.nakamoto.chain.codec.Bech32}, with {@link org.nakamoto.chain.codec.Bech32Errors} saying where a bad
 * string is wrong). Every malformed input surfaces as {@link org.nakamoto.chain.codec.ParseException}, the one
 * exception a parser lets escape.
 *
 * <p>Sits just above {@code crypto} (Base58Check's checksum is a double SHA-256) and below everything else.
 *
 * <p>Threads: {@code ByteReader} and {@code ByteWriter} are mutable cursors, one per parse or encoding and
 * never shared. {@code Hex}, {@code Base58}, {@code Base58Check}, {@code Bech32} and {@code Bech32Errors} are
 * stateless functions (Bech32Errors' field tables are built once, at class load).
 */
package org.nakamoto.chain.codec;
