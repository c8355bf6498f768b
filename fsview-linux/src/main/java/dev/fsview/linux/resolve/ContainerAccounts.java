package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private final ViewRoot root;

    /**
     * Reads names through a view root.
     *
     * @param root the view's root
     */
    public ContainerAccounts(ViewRoot root) {
        this.root = root;
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
        try (Fd fd = root.lookup(file, true)) {
            Path p = ObjectPaths.of(fd);
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            // A FIFO, device or socket planted as /etc/passwd would block or misbehave on open:
            // only a regular file, the very inode looked up, is read.
            if (!a.isRegularFile() || a.size() > MAX_FILE_SIZE) {
                return new String[0];
            }
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n");
        } catch (SyscallException e) {
            return new String[0];
        } catch (IOException e) {
            return new String[0];
        }
    }
}
