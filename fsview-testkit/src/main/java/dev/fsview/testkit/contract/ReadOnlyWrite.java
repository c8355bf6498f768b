package dev.fsview.testkit.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Every kind of write a read-only mount must refuse, each done through the view's file system on
 * a mount that holds a file {@code file}, an empty directory {@code emptydir}, and next to a
 * writable file {@code /outside-file} of the container root.
 */
public enum ReadOnlyWrite {
    /** Creating a new file. */
    CREATE_FILE((m, root) -> Files.createFile(m.resolve("new"))),
    /** Replacing a file's content (open with truncation). */
    OVERWRITE((m, root) -> Files.writeString(m.resolve("file"), "overwritten")),
    /** Appending to a file. */
    APPEND((m, root) -> Files.writeString(m.resolve("file"), "more", StandardOpenOption.APPEND)),
    /** Opening a channel for writing and writing through it. */
    WRITE_CHANNEL((m, root) -> {
        try (SeekableByteChannel ch =
                Files.newByteChannel(m.resolve("file"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}));
        }
    }),
    /** Truncating through a channel. */
    TRUNCATE((m, root) -> {
        try (SeekableByteChannel ch =
                Files.newByteChannel(m.resolve("file"), StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }),
    /** Deleting a file. */
    DELETE_FILE((m, root) -> Files.delete(m.resolve("file"))),
    /** Creating a directory. */
    MKDIR((m, root) -> Files.createDirectory(m.resolve("newdir"))),
    /** Deleting an empty directory. */
    RMDIR((m, root) -> Files.delete(m.resolve("emptydir"))),
    /** Creating a symlink. */
    SYMLINK((m, root) ->
            Files.createSymbolicLink(m.resolve("link"), m.getFileSystem().getPath("file"))),
    /** Creating a hard link inside the mount. */
    HARD_LINK((m, root) -> Files.createLink(m.resolve("hard"), m.resolve("file"))),
    /** Renaming inside the mount. */
    RENAME((m, root) -> Files.move(m.resolve("file"), m.resolve("renamed"))),
    /** Changing permissions. */
    CHMOD((m, root) -> Files.setPosixFilePermissions(
            m.resolve("file"), PosixFilePermissions.fromString("rw-------"))),
    /** Changing the owner. */
    CHOWN((m, root) -> Files.setAttribute(m.resolve("file"), "unix:uid", 4242)),
    /** Changing the modification time. */
    SET_TIMES((m, root) ->
            Files.setLastModifiedTime(m.resolve("file"), FileTime.fromMillis(1_000_000_000_000L))),
    /** Copying a file of the root into the mount. */
    COPY_IN((m, root) -> Files.copy(root.resolve("outside-file"), m.resolve("copied"))),
    /** Moving a file of the root into the mount. */
    MOVE_IN((m, root) -> Files.move(root.resolve("outside-file"), m.resolve("moved")));

    private final Write write;

    ReadOnlyWrite(Write write) {
        this.write = write;
    }

    /**
     * Attempts the write.
     *
     * @param mount the mount point, a path of the view
     * @param root the view's root directory
     * @throws IOException what the view throws
     */
    public void attempt(Path mount, Path root) throws IOException {
        write.attempt(mount, root);
    }

    @FunctionalInterface
    private interface Write {
        void attempt(Path mount, Path root) throws IOException;
    }
}
