package dev.fsview;

import java.nio.file.OpenOption;
import java.util.Objects;

/**
 * Open options of a view's file system beyond {@link java.nio.file.StandardOpenOption}, for callers
 * that read files a hostile container may swap under them (a {@code docker cp}, a backup agent, a
 * scanner). Every backend honours them in {@code newByteChannel}, {@code newFileChannel},
 * {@code newInputStream} and {@code newOutputStream}.
 *
 * <pre>{@code
 * BasicFileAttributes seen = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW_LINKS);
 * try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS,
 *         ViewOpenOption.REGULAR_FILE, ViewOpenOption.sameFileAs(seen.fileKey()))) {
 *     // the bytes of the regular file the walk saw, or an exception: never a FIFO's, a device's,
 *     // or another file's that a racing process renamed into place
 * }
 * }</pre>
 *
 * <p>A file key is only meaningful to the view that gave it: a key read through another view, or
 * on the host, names another object and fails as {@link #FILE_REPLACED}. With
 * {@link #REGULAR_FILE}, {@code CREATE} and {@code CREATE_NEW} create a missing file, and it is
 * opened without inspection, since an open that creates a file makes a regular file.
 * {@link #sameFileAs} never creates: the file it names exists, so a missing one is the JDK's
 * {@link java.nio.file.NoSuchFileException}. With {@code CREATE_NEW} for writing it is refused
 * with an {@link IllegalArgumentException}, since it could never open the existing file it names.
 *
 * <p>Every way into a view's files takes these options: its {@code FileSystem} from any thread,
 * a task's own opens on the view's thread, and a view's {@code SecureDirectoryStream}. On the
 * Linux backend a task's checked open finds the file on its own thread and has the JVM's one host
 * thread inspect and reopen it (a view has no {@code /proc}); in the rare JVM where no host thread
 * could be started (the first view was opened from a view's task), such an open throws
 * {@link UnsupportedOperationException}. A Linux {@code SecureDirectoryStream} without
 * {@code openat2} ({@code linux.resolve=walk}) finds the file from its own directory; if that
 * directory was renamed or replaced since the stream was opened, a checked open through it is
 * refused with a {@link java.nio.file.FileSystemException} that says so.
 */
public final class ViewOpenOption implements OpenOption {
    /**
     * Opens only a regular file, and never blocks: the file is inspected before it is opened
     * for reading or writing, so a FIFO, socket, device node or directory is refused without
     * being opened, with a {@link java.nio.file.FileSystemException} whose reason is
     * {@code "Not a regular file"}. Combine with {@link java.nio.file.LinkOption#NOFOLLOW_LINKS}
     * to refuse a symbolic link too (the JDK's {@code "Too many levels of symbolic links"}).
     */
    public static final ViewOpenOption REGULAR_FILE = new ViewOpenOption(null);

    /** The reason of the exception for a file that is not a regular file. */
    public static final String NOT_A_REGULAR_FILE = "Not a regular file";

    /** The reason of the exception for a file that is not the one the caller examined. */
    public static final String FILE_REPLACED = "File was replaced since it was examined";

    private final Object fileKey;

    private ViewOpenOption(Object fileKey) {
        this.fileKey = fileKey;
    }

    /**
     * Opens the file only if it is the one the caller examined before: the same device and inode
     * as {@link java.nio.file.attribute.BasicFileAttributes#fileKey()} gave for it, read through
     * the same view. Otherwise the open fails with a {@link java.nio.file.FileSystemException}
     * whose reason is {@link #FILE_REPLACED}, and the file that is there now is not read.
     *
     * @param fileKey a file key from the view's {@code readAttributes}
     * @return the option
     */
    public static ViewOpenOption sameFileAs(Object fileKey) {
        return new ViewOpenOption(Objects.requireNonNull(fileKey, "fileKey"));
    }

    /**
     * Returns the file key this option requires, or {@code null} for {@link #REGULAR_FILE}.
     *
     * @return the expected file key, or {@code null}
     */
    public Object fileKey() {
        return fileKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViewOpenOption && Objects.equals(fileKey, ((ViewOpenOption) o).fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(fileKey);
    }

    @Override
    public String toString() {
        return fileKey == null ? "REGULAR_FILE" : "SAME_FILE_AS(" + fileKey + ")";
    }
}
