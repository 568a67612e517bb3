package org.nakamoto.wallet.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.nakamoto.wallet.WalletException;

/**
 * The wallet file on disk. Every write is atomic ({@link AtomicFiles}) and owner-only; changes are
 * read-modify-write under an exclusive lock on a sibling ".lock" file, so two wallet commands run at once
 * cannot hand out the same address or lose each other's history.
 */
public final class WalletStore {
    private final Path path;

    public WalletStore(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** Writes a new wallet; never replaces an existing file. */
    public void create(WalletFile wallet) {
        try {
            Path dir = path.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            AtomicFiles.createNew(path, wallet.toJson());
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists();
        } catch (IOException e) {
            throw new WalletException("cannot write wallet file " + path + ": " + e.getMessage(), e);
        }
    }

    public WalletException alreadyExists() {
        return new WalletException("wallet file " + path + " already exists; refusing to overwrite it"
                + " (choose another with --wallet)");
    }

    public WalletFile load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new WalletException("no wallet file at " + path + " (create one with 'create' or 'restore',"
                    + " or point to it with --wallet)");
        } catch (IOException e) {
            throw new WalletException("cannot read wallet file " + path + ": " + e.getMessage(), e);
        }
        return WalletFile.fromJson(bytes, "wallet file " + path);
    }

    private static FileChannel openLock(Path lockPath) throws IOException {
        try {
            return FileChannel.open(lockPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    /**
     * Applies {@code change} to the current file under the lock and writes the result if it differs. If
     * {@code change} throws, nothing is written.
     */
    @SuppressWarnings("try") // the lock is held by being open, not by being used
    public WalletFile update(UnaryOperator<WalletFile> change) {
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        try (FileChannel ch = openLock(lockPath);
                FileLock lock = ch.lock()) {
            WalletFile before = load();
            WalletFile after = change.apply(before);
            byte[] json = after.toJson();
            if (!java.util.Arrays.equals(json, before.toJson())) {
                AtomicFiles.replace(path, json);
            }
            return after;
        } catch (IOException e) {
            throw new WalletException("cannot update wallet file " + path + ": " + e.getMessage(), e);
        }
    }
}
