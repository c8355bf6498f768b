package dev.fsview.linux.preload;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs, once, on a host temporary directory, every JDK file operation a view's NIO provider
 * delegates, so that the JDK's native libraries (libnio), its file system classes, its exceptions
 * and its lazily read data files (the time zone database, read from {@code java.home}, which is not
 * inside any container) are loaded before a view thread switches root.
 */
final class JdkWarmUp {
    private JdkWarmUp() {}

    static void run() throws IOException {
        TimeZone.getDefault().getID();
        ZoneId.systemDefault().getRules();
        ZoneId.of("Europe/Paris").getRules();
        Charset.defaultCharset().newEncoder();
        // Platform modules (jdk.charsets, java.sql...) are read through an image reader the JDK
        // opens at first use, by path: open it now, while java.home is reachable.
        Charset.isSupported("ISO-2022-JP");
        ClassLoader.getPlatformClassLoader().getResource("java/sql/Timestamp.class");
        StandardCharsets.UTF_8.newDecoder();
        FileTime.fromMillis(0).toString();
        // A JVM that exits meanwhile (the CLI's --help, or `| head` closing its pipe, while the
        // backend is prepared on another thread) waits for the removal below: without it the
        // directory stayed in the temporary directory (2 CLI runs in 20 left one).
        CountDownLatch removed = new CountDownLatch(1);
        Thread hook = new Thread(() -> awaitRemoval(removed), "fsview-preload-cleanup");
        boolean hooked = addShutdownHook(hook);
        try {
            Path dir = Files.createTempDirectory("fsview-preload");
            try {
                exercise(dir);
            } finally {
                HostScratch.removeTree(dir);
            }
        } finally {
            removed.countDown();
            if (hooked) {
                removeShutdownHook(hook);
            }
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false; // the JVM exits already: warm up anyway, as without the hook
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and returns at once: the directory is gone
        }
    }

    /** In a shutdown hook: a bounded wait, so that a stuck warm-up never holds the exit. */
    private static void awaitRemoval(CountDownLatch removed) {
        try {
            removed.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exercise(Path dir) throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        Files.readString(file);
        Files.readAllBytes(file);
        Files.readAllLines(file);
        try (SeekableByteChannel c =
                Files.newByteChannel(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            c.read(ByteBuffer.allocate(1));
            c.size();
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.APPEND)) {
            c.write(ByteBuffer.wrap(new byte[] {1}));
            c.force(true);
        }
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = Files.newOutputStream(dir.resolve("g"))) {
            in.transferTo(out);
        }
        javaIo(dir.toFile());
        attributes(file);
        links(dir, file);
        copies(dir, file);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(Path::getFileName);
        }
        try (Stream<Path> s = Files.list(dir);
                Stream<Path> w = Files.walk(dir)) {
            s.count();
            w.count();
        }
        failures(dir);
        dir.toRealPath();
        Files.isSameFile(file, dir.resolve("f"));
        Files.isHidden(file);
        Files.isWritable(file);
        Files.createDirectories(dir.resolve("d/e"));
        Files.createTempFile(dir, "t", ".tmp");
        Files.delete(dir.resolve("d/e"));
    }

    private static void javaIo(File dir) throws IOException {
        File f = new File(dir, "io");
        try (FileOutputStream out = new FileOutputStream(f)) {
            out.write(1);
        }
        try (FileInputStream in = new FileInputStream(f);
                RandomAccessFile raf = new RandomAccessFile(f, "rw")) {
            in.read();
            raf.length();
        }
        f.exists();
        f.isDirectory();
        f.length();
        f.lastModified();
        dir.list();
        dir.listFiles();
        f.getCanonicalPath();
        f.renameTo(new File(dir, "io2"));
        new File(dir, "io2").delete();
        new File(dir, "iod").mkdirs();
    }

    private static void attributes(Path file) throws IOException {
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Files.readAttributes(file, PosixFileAttributes.class);
        Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
        Files.readAttributes(file, "posix:*");
        quietly(() -> Files.readAttributes(file, "dos:*"));
        Files.getAttribute(file, "unix:mode");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1000));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        v.readAttributes().owner().getName();
        v.setTimes(null, null, null);
        Files.getOwner(file);
        Files.size(file);
        Files.exists(file);
        Files.isDirectory(file);
        Files.isRegularFile(file);
        Files.isSymbolicLink(file);
        Files.probeContentType(file);
    }

    private static void links(Path dir, Path file) throws IOException {
        Path link = dir.resolve("l");
        Files.createSymbolicLink(link, Path.of("f"));
        Files.readSymbolicLink(link);
        Files.createLink(dir.resolve("h"), file);
    }

    private static void copies(Path dir, Path file) throws IOException {
        Files.copy(
                file,
                dir.resolve("c"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(dir.resolve("c"), dir.resolve("m"), StandardCopyOption.ATOMIC_MOVE);
        Files.copy(dir.resolve("l"), dir.resolve("l2"), LinkOption.NOFOLLOW_LINKS);
        Files.createDirectory(dir.resolve("sub"));
        Files.move(dir.resolve("sub"), dir.resolve("sub2"));
    }

    /** Builds the exceptions the JDK throws, so their classes are loaded too. */
    private static void failures(Path dir) {
        Path missing = dir.resolve("missing");
        Path file = dir.resolve("f");
        for (Runnable r : new Runnable[] {
            () -> quietly(() -> Files.readAttributes(missing, BasicFileAttributes.class)),
            () -> quietly(() -> Files.createDirectory(dir)),
            () -> quietly(() -> {
                Files.delete(dir);
                return null;
            }),
            () -> quietly(() -> Files.newDirectoryStream(file)),
            () -> quietly(() -> Files.readSymbolicLink(file)),
            () -> quietly(() -> Files.newByteChannel(missing)),
            () -> quietly(() -> Files.createFile(file.resolve("x"))),
        }) {
            r.run();
        }
        new NoSuchFileException("x").getMessage();
        new FileSystemException("x", null, "y").getMessage();
    }

    private static void quietly(IoAction a) {
        try {
            a.run();
        } catch (IOException expected) {
            expected.getMessage();
        }
    }

    @FunctionalInterface
    private interface IoAction {
        Object run() throws IOException;
    }
}
