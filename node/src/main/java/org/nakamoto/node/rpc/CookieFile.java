package org.nakamoto.node.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Core's cookie authentication: on start the server writes {@code <datadir>/.cookie} holding
 * {@code __cookie__:<64 hex digits>} (32 random bytes), readable by the owner only, and deletes it on
 * stop. Any local program of the same user can read it and log in; nobody else can. Immutable.
 */
public final class CookieFile {
    public static final String FILE_NAME = ".cookie";
    public static final String USER = "__cookie__";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final String password;

    private CookieFile(Path path, String password) {
        this.path = path;
        this.password = password;
    }

    /**
     * Writes a fresh cookie. The file is created owner-only before any secret is written to it, under a
     * temporary name, then renamed into place, so a reader sees either the old cookie or the whole new one.
     */
    static CookieFile create(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: its default access rules apply
        }
        Files.writeString(tmp, USER + ":" + password, StandardCharsets.US_ASCII);
        Path path = dataDir.resolve(FILE_NAME);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new CookieFile(path, password);
    }

    /** The "user:password" in a data directory's cookie, if there is one; used by clients such as nakamoto-cli. */
    public static Optional<String> read(Path dataDir) throws IOException {
        try {
            String text = Files.readString(dataDir.resolve(FILE_NAME), StandardCharsets.US_ASCII).strip();
            return text.contains(":") ? Optional.of(text) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    Path path() {
        return path;
    }

    String user() {
        return USER;
    }

    String password() {
        return password;
    }

    /** Deletes the cookie unless another process has replaced it with its own since. */
    void delete() throws IOException {
        Optional<String> current = read(path.getParent());
        if (current.isPresent() && current.get().equals(USER + ":" + password)) {
            Files.deleteIfExists(path);
        }
    }
}
