package org.nakamoto.wallet.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a whole file or nothing: the bytes go to a temporary file in the same directory (created
 * owner-only before anything is written to it), are forced to disk, and the temporary file is then renamed
 * over the target in one step and the directory synced. A crash at any instant leaves the old file or the
 * new one, never a mixture; at worst a stray temporary file remains, which is never read.
 */
public final class AtomicFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Called with the open temporary file before its bytes are written; tests throw here to simulate a crash. */
    @FunctionalInterface
    interface WriteHook {
        void beforeWrite(FileChannel channel, byte[] bytes) throws IOException;
    }

    private static final WriteHook NONE = (channel, bytes) -> { };

    private AtomicFiles() {
    }

    /** Creates {@code target}; fails with FileAlreadyExistsException, without touching it, if it exists. */
    public static void createNew(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false, NONE);
    }

    /** Replaces {@code target} (or creates it) atomically. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        write(target, bytes, true, NONE);
    }

    static void write(Path target, byte[] bytes, boolean replace, WriteHook hook) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!replace && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly(dir));
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                hook.beforeWrite(ch, bytes);
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // rename(2) would silently replace a file created since the check above; link(2) refuses to.
                Files.createLink(target, tmp);
                Files.delete(tmp);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    /** Makes the rename itself durable; some file systems refuse to open a directory, which is then best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not fatal: the data itself is already on disk.
        }
    }
}
