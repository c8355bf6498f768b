package dev.fsview.cli.archive;

import dev.fsview.ViewOpenOption;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a container file for reading only if it is a regular file — and, for a copy, the very file
 * the walk saw — through the view's {@link java.nio.file.FileSystem}: {@code O_NOFOLLOW}, never
 * blocking, then checked on the open file ({@link ViewOpenOption#REGULAR_FILE},
 * {@link ViewOpenOption#sameFileAs(Object)}). A FIFO, socket, device node, directory or symlink is
 * refused with a {@link FileSystemException} whose reason is
 * {@link ViewOpenOption#NOT_A_REGULAR_FILE}; a file swapped since the walk with reason
 * {@link ViewOpenOption#FILE_REPLACED}.
 *
 * <p>A backend that does not know these options yet ({@code UnsupportedOperationException}) gets
 * the best the plain NIO surface allows: the path is examined without following links before the
 * open, and again after it, and the open fails unless
 * both name the expected regular file. That closes every window but the one between the first
 * examination and the {@code open(2)} itself, in which a FIFO swapped in can still block.
 */
public final class SafeOpen {
    /** Providers that refused the options with {@code UnsupportedOperationException}. */
    private static final Set<Class<?>> WITHOUT_OPTIONS = ConcurrentHashMap.newKeySet();

    private SafeOpen() {}

    /**
     * Opens a regular file for reading.
     *
     * @param path a path of the view's file system
     * @param expectedKey the {@code fileKey} the caller saw for it, or {@code null} for any
     *     regular file
     * @return the open channel
     * @throws FileSystemException if it is not a regular file, or not the expected one
     * @throws IOException if it cannot be opened
     */
    public static FileChannel openRegularFile(Path path, Object expectedKey) throws IOException {
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        // A final symlink swapped in would redirect the read to another file of the container.
        options.add(LinkOption.NOFOLLOW_LINKS);
        // A FIFO would block forever, a device node would read the host's device.
        options.add(ViewOpenOption.REGULAR_FILE);
        if (expectedKey != null) {
            // A file renamed into place after the walk would be copied under the walked name.
            options.add(ViewOpenOption.sameFileAs(expectedKey));
        }
        Class<?> provider = path.getFileSystem().provider().getClass();
        if (!WITHOUT_OPTIONS.contains(provider)) {
            try {
                return FileChannel.open(path, options);
            } catch (UnsupportedOperationException e) {
                WITHOUT_OPTIONS.add(provider); // asked once per provider, not once per file
            }
        }
        return openChecked(path, expectedKey);
    }

    /** Examine, open without following, examine again: for a backend without the options. */
    private static FileChannel openChecked(Path path, Object expectedKey) throws IOException {
        // Examined just before the open (the caller's walk may be long ago): a FIFO swapped in
        // since would block the open.
        Object key = examine(path, expectedKey).fileKey();
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            // The path now names the file that was examined, or the open is given up.
            examine(path, key);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static BasicFileAttributes examine(Path path, Object expectedKey) throws IOException {
        BasicFileAttributes a =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new FileSystemException(path.toString(), null, ViewOpenOption.NOT_A_REGULAR_FILE);
        }
        if (expectedKey != null && !Objects.equals(expectedKey, a.fileKey())) {
            throw new FileSystemException(path.toString(), null, ViewOpenOption.FILE_REPLACED);
        }
        return a;
    }

    /**
     * Whether an exception is this class's refusal (not a regular file, or replaced).
     *
     * @param e the exception
     * @return {@code true} for a refusal
     */
    public static boolean isRefusal(IOException e) {
        if (!(e instanceof FileSystemException)) {
            // The backend's REGULAR_FILE under NOFOLLOW_LINKS refuses a symlink swapped in as
            // the JDK does: a plain IOException with the ELOOP message.
            String m = e.getMessage();
            return e.getClass() == IOException.class
                    && m != null
                    && m.startsWith("Too many levels of symbolic links");
        }
        String reason = ((FileSystemException) e).getReason();
        return ViewOpenOption.NOT_A_REGULAR_FILE.equals(reason)
                || ViewOpenOption.FILE_REPLACED.equals(reason)
                // O_NOFOLLOW on a symlink swapped in (ELOOP)
                || (reason != null && reason.startsWith("Too many levels of symbolic links"));
    }

    /**
     * One warning line for a file whose content is not copied.
     *
     * @param name the entry's name
     * @param e the refusal
     * @return the line
     */
    public static String describeRefusal(String name, IOException e) {
        String reason =
                e instanceof FileSystemException ? ((FileSystemException) e).getReason() : null;
        String why = ViewOpenOption.FILE_REPLACED.equals(reason)
                ? "it was replaced since it was listed"
                : "it is no longer a regular file";
        return "copied only the header of " + name + ": " + why;
    }
}
