package org.nakamoto.miner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The per-core hashing bound the miner is judged against: single-stream SHA-256 throughput from
 * {@code openssl speed -evp sha256 -bytes 16384}, divided by the 128 bytes (two 64-byte compressions) a nonce costs.
 * openssl divides by its user CPU time, not wall time (unless given -elapsed), so the figure is per CPU-second.
 */
final class OpensslBound {
    static final int BYTES_PER_NONCE = 128;

    private OpensslBound() {
    }

    /** Nonces per second per core, or empty if openssl is missing or its output is not understood. */
    static OptionalDouble measure(int seconds) {
        ProcessBuilder pb = new ProcessBuilder("openssl", "speed", "-evp", "sha256", "-bytes", "16384", "-seconds",
                Integer.toString(seconds)).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return OptionalDouble.empty();
            }
            return parseBytesPerSecond(out).stream().map(b -> b / BYTES_PER_NONCE).findFirst();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** Reads the result row, e.g. {@code sha256   395133.28k}: thousands of bytes per second. */
    static OptionalDouble parseBytesPerSecond(String output) {
        for (String line : output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2 && cols[0].equals("sha256") && cols[1].endsWith("k")) {
                try {
                    return OptionalDouble.of(Double.parseDouble(cols[1].substring(0, cols[1].length() - 1)) * 1000);
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
