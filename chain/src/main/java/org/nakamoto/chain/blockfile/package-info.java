/**
 * Bitcoin Core's blk*.dat format: reading and writing files of magic-framed blocks, and importing such a
 * file into the chain through full validation (the node's {@code import} command).
 *
 * <p>Threads: {@code BlockFileReader} and {@code BlockFileWriter} are not thread-safe, one per file. The
 * thread that runs a {@code BlockImporter} is the chain writer for the duration of the import, so nothing
 * else may write the chain meanwhile.
 */
package org.nakamoto.chain.blockfile;
