package org.nakamoto.node.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An RPC password kept in a file ({@code --rpcpassword-file}, for nakamotod and nakamoto-cli alike), so
 * that it never appears on a command line, where every local user can read it in the process list.
 * The password is the file's first line without its line ending (a Docker or Kubernetes secret file
 * usually has one); the rest of the file is ignored. Stateless.
 */
public final class PasswordFile {
    private PasswordFile() {
    }

    /** The password in {@code file}; an IOException when it cannot be read or its first line is empty. */
    public static String read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String line = nl >= 0 ? text.substring(0, nl) : text;
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new IOException("its first line (the password) is empty");
        }
        return line;
    }
}
