package dev.fsview.testkit.containment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * The file operations an attack tries on its probe path through some {@link FileSystem}: the
 * view's (from a task or from any thread) or, inside a task on Linux, the JVM's default one.
 * Reads are recorded in {@link Evidence}; writes may fail or succeed, and whatever they did is
 * judged by the canaries afterwards.
 *
 * <p>Runs on view threads, so it uses JDK classes only and no lambdas of its own.
 */
public final class Probe {
    private static final byte[] WRITTEN =
            "inside:written by the attack".getBytes(StandardCharsets.UTF_8);

    private static final int CREATE = 1;
    private static final int OVERWRITE = 2;
    private static final int APPEND = 3;
    private static final int MKDIR = 4;
    private static final int SYMLINK = 5;
    private static final int HARD_LINK = 6;
    private static final int TOUCH = 7;
    private static final int CHMOD = 8;
    private static final int MOVE = 9;
    private static final int DELETE = 10;
    // Attribute setters told not to follow a final symlink: a JDK may follow anyway (JDK 22+
    // when setting permissions), and a name handed to it would then resolve on the host.
    private static final int CHMOD_NOFOLLOW = 11;
    private static final int PERMISSIONS_NOFOLLOW = 12;
    private static final int TOUCH_NOFOLLOW = 13;
    private static final int CHOWN_NOFOLLOW = 14;
    private static final int XATTR_NOFOLLOW = 15;
    private static final int DOS_NOFOLLOW = 16;
    private static final int[] NOFOLLOW_SETTERS = {
        CHMOD_NOFOLLOW,
        PERMISSIONS_NOFOLLOW,
        TOUCH_NOFOLLOW,
        CHOWN_NOFOLLOW,
        XATTR_NOFOLLOW,
        DOS_NOFOLLOW
    };

    private Probe() {}

    static void load() {
        // Referencing the class from the test thread loads it there, before any root switch.
    }

    /**
     * Says whether {@code /} of a file system is the container root, by its marker file.
     *
     * @param fs the file system
     * @param expected the marker's content
     * @return whether {@link Scene#ROOT_MARKER} holds {@code expected}
     */
    public static boolean seesTheContainerRoot(FileSystem fs, String expected) {
        try {
            byte[] marker = Files.readAllBytes(fs.getPath(Scene.ROOT_MARKER));
            return new String(marker, StandardCharsets.UTF_8).equals(expected);
        } catch (IOException | RuntimeException notThere) {
            return false;
        }
    }

    /**
     * Reads through the probe, then writes through it.
     *
     * @param fs the file system to go through
     * @param probe the probe path
     * @param directory whether the probe names a directory (else a file)
     * @param evidence where reads are recorded
     * @param how the entry point, for messages
     */
    public static void readThenWrite(
            FileSystem fs, String probe, boolean directory, Evidence evidence, String how) {
        read(fs, probe, directory, evidence, how);
        write(fs, probe, directory);
    }

    /**
     * Reads files, attributes and listings through the probe.
     *
     * @param fs the file system to go through
     * @param probe the probe path
     * @param directory whether the probe names a directory
     * @param evidence where reads are recorded
     * @param how the entry point, for messages
     */
    public static void read(
            FileSystem fs, String probe, boolean directory, Evidence evidence, String how) {
        String[] files = directory
                ? new String[] {probe + "/secret", probe + "/dir/secret"}
                : new String[] {probe};
        for (String f : files) {
            readFile(fs.getPath(f), evidence, how + " " + f);
        }
        if (directory) {
            for (String d : new String[] {probe, probe + "/dir"}) {
                list(fs.getPath(d), evidence, how + " " + d);
            }
        }
    }

    /**
     * Reads one file's content and attributes, if the view lets it.
     *
     * @param file the file
     * @param evidence where it is recorded
     * @param where what, for messages
     */
    public static void readFile(Path file, Evidence evidence, String where) {
        try {
            evidence.read(where, Files.readAllBytes(file));
        } catch (IOException | RuntimeException refused) {
            // an error is a contained outcome
        }
        attributes(file, evidence, where);
    }

    /**
     * Lists a directory and reads its attributes, if the view lets it.
     *
     * @param dir the directory
     * @param evidence where it is recorded
     * @param where what, for messages
     */
    public static void list(Path dir, Evidence evidence, String where) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                names.add(e.getFileName().toString());
            }
            evidence.listed(where, names);
        } catch (IOException | RuntimeException refused) {
            // contained
        }
        attributes(dir, evidence, where);
    }

    private static void attributes(Path p, Evidence evidence, String where) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            evidence.attributes(where, a.size(), a.lastModifiedTime().toInstant());
        } catch (IOException | RuntimeException refused) {
            // contained
        }
    }

    /**
     * Tries every kind of write through the probe; outcomes are left to the canaries to judge.
     *
     * @param fs the file system to go through
     * @param probe the probe path
     * @param directory whether the probe names a directory
     */
    public static void write(FileSystem fs, String probe, boolean directory) {
        Path p = fs.getPath(probe);
        if (directory) {
            Path secret = p.resolve("secret");
            Path inner = p.resolve("dir/secret");
            attempt(CREATE, p.resolve("new-by-attack"), null);
            attempt(OVERWRITE, secret, null);
            attempt(APPEND, inner, null);
            attempt(MKDIR, p.resolve("newdir-by-attack"), null);
            attempt(SYMLINK, p.resolve("link-by-attack"), fs.getPath("secret"));
            attempt(HARD_LINK, p.resolve("hard-by-attack"), secret);
            attempt(TOUCH, inner, null);
            attempt(CHMOD, secret, null);
            for (int op : NOFOLLOW_SETTERS) {
                attempt(op, secret, null);
            }
            attempt(MOVE, inner, p.resolve("moved-by-attack"));
            attempt(DELETE, secret, null);
            attempt(DELETE, p.resolve("dir"), null);
        } else {
            attempt(OVERWRITE, p, null);
            attempt(APPEND, p, null);
            attempt(TOUCH, p, null);
            attempt(CHMOD, p, null);
            for (int op : NOFOLLOW_SETTERS) {
                attempt(op, p, null);
            }
            attempt(HARD_LINK, fs.getPath("/hard-by-attack"), p);
            attempt(MOVE, p, fs.getPath(probe + "-moved"));
            attempt(DELETE, fs.getPath(probe + "-moved"), null);
            attempt(DELETE, p, null);
        }
    }

    private static void attempt(int op, Path p, Path other) {
        try {
            perform(op, p, other);
        } catch (IOException | RuntimeException refused) {
            // Refused or done: the canaries say whether it reached outside.
        }
    }

    /**
     * The writes are int constants, not an enum or lambdas: a switch on an enum compiles to a
     * helper class that would first load on the view thread (see the class comment).
     */
    private static void perform(int op, Path p, Path other) throws IOException {
        if (op == CREATE) {
            Files.createFile(p);
        } else if (op == OVERWRITE) {
            Files.write(p, WRITTEN);
        } else if (op == APPEND) {
            Files.write(p, WRITTEN, StandardOpenOption.APPEND);
        } else if (op == MKDIR) {
            Files.createDirectory(p);
        } else if (op == SYMLINK) {
            Files.createSymbolicLink(p, other);
        } else if (op == HARD_LINK) {
            Files.createLink(p, other);
        } else if (op == TOUCH) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } else if (op == CHMOD) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        } else if (op >= CHMOD_NOFOLLOW) {
            setNotFollowing(op, p);
        } else if (op == MOVE) {
            Files.move(p, other);
        } else {
            Files.delete(p);
        }
    }

    private static void setNotFollowing(int op, Path p) throws IOException {
        LinkOption nofollow = LinkOption.NOFOLLOW_LINKS;
        if (op == CHMOD_NOFOLLOW) {
            Files.getFileAttributeView(p, PosixFileAttributeView.class, nofollow)
                    .setPermissions(PosixFilePermissions.fromString("rwxrwxrwx"));
        } else if (op == PERMISSIONS_NOFOLLOW) {
            Files.setAttribute(
                    p, "unix:permissions", PosixFilePermissions.fromString("rwxrwxrwx"), nofollow);
        } else if (op == TOUCH_NOFOLLOW) {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, nofollow)
                    .setTimes(FileTime.fromMillis(0), null, null);
        } else if (op == CHOWN_NOFOLLOW) {
            Files.setAttribute(p, "unix:uid", 65_534, nofollow);
        } else if (op == XATTR_NOFOLLOW) {
            Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, nofollow)
                    .write("attack", ByteBuffer.wrap(WRITTEN));
        } else {
            Files.setAttribute(p, "dos:hidden", true, nofollow);
        }
    }
}
