package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Statx;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalInt;

/**
 * User and group names as the {@code files} NSS source would answer them inside the container:
 * read from the container's {@code /etc/passwd} and {@code /etc/group} through the view root,
 * never through glibc's NSS (which would {@code dlopen} modules by path), numeric when not listed.
 */
public final class ContainerAccounts {
    /** Larger account files are not read: a planted huge file must not exhaust the heap. */
    static final long MAX_FILE_SIZE = 4L << 20;

    /** Reads an account file of the container. */
    @FunctionalInterface
    public interface Files {
        /**
         * Reads one.
         *
         * @param path {@code /etc/passwd} or {@code /etc/group}
         * @return its bytes, or {@code null} when it is missing, not a regular file, or too big
         * @throws IOException if it cannot be read
         */
        byte[] read(String path) throws IOException;
    }

    private final Files files;

    /**
     * Reads names through a view root, on the caller's thread.
     *
     * @param root the view's root
     */
    public ContainerAccounts(ViewRoot root) {
        this.files = file -> {
            try (Fd fd = root.lookup(file, true)) {
                return readIfSmallRegularFile(ObjectPaths.of(fd));
            } catch (SyscallException e) {
                return null;
            }
        };
    }

    /**
     * Reads names through any reader of the container's files (the view thread's, without
     * openat2).
     *
     * @param files the reader
     */
    public ContainerAccounts(Files files) {
        this.files = files;
    }

    /**
     * Reads an account file on a thread whose root is the container (the view thread, without
     * openat2): opened non-blocking and checked through the open fd, so that a FIFO swapped in for
     * the file after any check can neither block the view thread nor be read.
     *
     * @param file {@code /etc/passwd} or {@code /etc/group}
     * @return its bytes, or {@code null} when it is missing, not a regular file, or too big
     * @throws IOException if it cannot be read
     */
    public static byte[] readWithoutBlocking(String file) throws IOException {
        Fd fd;
        try {
            fd = new Fd(
                    Sys.openat(
                            Linux.AT_FDCWD,
                            file,
                            Arch.O_RDONLY | O_NONBLOCK | O_NOCTTY | Arch.O_CLOEXEC,
                            0),
                    file);
        } catch (SyscallException absent) {
            return null;
        }
        try (fd) {
            Statx st = Sys.statx(fd.get(), "", Linux.AT_EMPTY_PATH);
            // A FIFO, device or socket planted as the file would block or misbehave: only a
            // regular file, the very inode opened, is read, and a huge one not at all.
            if (!st.isRegularFile() || st.size() > MAX_FILE_SIZE) {
                return null;
            }
            byte[] buf = new byte[(int) st.size()];
            int n = 0;
            while (n < buf.length) {
                int r = Sys.read(fd.get(), buf, n);
                if (r == 0) {
                    break;
                }
                n += r;
            }
            return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
        } catch (SyscallException e) {
            throw new IOException("reading " + file + " in the view", e);
        }
    }

    private static final int O_NONBLOCK = 04000;
    private static final int O_NOCTTY = 0400;

    /**
     * Reads an account file if it is a regular file no larger than {@link #MAX_FILE_SIZE}.
     *
     * @param p the file, as the JDK reaches it
     * @return its bytes, or {@code null}
     * @throws IOException if it cannot be read
     */
    public static byte[] readIfSmallRegularFile(Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = java.nio.file.Files.readAttributes(p, BasicFileAttributes.class);
        } catch (java.nio.file.FileSystemException absent) {
            return null;
        }
        // A FIFO, device or socket planted as /etc/passwd would block or misbehave on open:
        // only a regular file, the very inode looked up, is read; a planted huge file must not
        // exhaust the heap.
        if (!a.isRegularFile() || a.size() > MAX_FILE_SIZE) {
            return null;
        }
        return java.nio.file.Files.readAllBytes(p);
    }

    /**
     * Returns the name of a user id.
     *
     * @param uid the id
     * @return its name in the container's {@code /etc/passwd}, else the number
     */
    public String userName(int uid) {
        return nameOf("/etc/passwd", uid);
    }

    /**
     * Returns the name of a group id.
     *
     * @param gid the id
     * @return its name in the container's {@code /etc/group}, else the number
     */
    public String groupName(int gid) {
        return nameOf("/etc/group", gid);
    }

    /**
     * Returns the id of a user name, as the JDK's lookup does: the listed name, else a number.
     *
     * @param name the name
     * @return the id, or empty when neither listed nor numeric
     */
    public OptionalInt userId(String name) {
        return idOf("/etc/passwd", name);
    }

    /**
     * Returns the id of a group name: the listed name, else a number.
     *
     * @param name the name
     * @return the id, or empty when neither listed nor numeric
     */
    public OptionalInt groupId(String name) {
        return idOf("/etc/group", name);
    }

    private String nameOf(String file, int id) {
        String wanted = Integer.toUnsignedString(id);
        for (String line : lines(file)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[2].equals(wanted) && !f[0].isEmpty()) {
                return f[0];
            }
        }
        return wanted;
    }

    private OptionalInt idOf(String file, String name) {
        for (String line : lines(file)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                try {
                    return OptionalInt.of(Integer.parseUnsignedInt(f[2]));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        try {
            return OptionalInt.of(Integer.parseUnsignedInt(name));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private String[] lines(String file) {
        try {
            byte[] b = files.read(file);
            return b == null ? new String[0] : new String(b, StandardCharsets.UTF_8).split("\n");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
