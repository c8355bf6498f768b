package dev.fsview.linux.preload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Makes the system class loader safe to use on a thread whose root is a container, once per JVM,
 * on a host thread, before the first view switches root. The JDK looks classes and resources up
 * lazily, by path: on a view thread each path is the container's, and a {@code .class} planted at
 * the container-side path of a class-path directory would be defined and run in the JVM as root.
 * So:
 * <ol>
 *   <li>every entry of the class path is opened: one lookup that misses walks the whole path,
 *       opening every jar (its index is then in memory, its file open) and following the
 *       {@code Class-Path} of every jar's manifest (Surefire's manifest-only jar, for one);
 *   <li>every class of every directory entry is defined (loaded, not initialised), so that tasks
 *       find them without a lookup;
 *   <li>every directory and jar entry is <em>sealed</em> ({@link SealedHandler}): on a contained
 *       thread a directory entry is never looked up (a class or resource not already defined is
 *       not found there), and a jar's resources are read from the jar opened on the host, never
 *       reopened by path ({@code ServiceLoader} reopens them without caches).
 * </ol>
 * A thread is contained from {@link #markContained()} on, and so is every thread it starts (an
 * inheritable thread-local: their fs, and so their root, is the view thread's).
 *
 * <p>What it cannot cover: class loaders other than the system class loader (a task must not load
 * from them for the first time), and {@code jar:} or {@code file:} URLs obtained before the seal
 * and opened in a task. Jar entries' classes are not all defined: once its jar is open, a lookup
 * reads it by entry from the open file, never by path, so defining them would only cost time.
 */
public final class ClassPathSeal {
    private static final Logger LOG = LoggerFactory.getLogger(ClassPathSeal.class);
    private static final InheritableThreadLocal<Boolean> CONTAINED = new InheritableThreadLocal<>();
    private static Report report;

    private ClassPathSeal() {}

    /**
     * What sealing the class path did.
     *
     * @param directories class-path directories sealed (or only walked, when not sealed)
     * @param jars class-path jars sealed
     * @param classesDefined classes of the directories defined
     * @param classesFailed class files of the directories that could not be defined (a missing
     *     dependency, a wrong name): not found inside views either
     * @param sealed whether the JDK's loaders were sealed
     * @param notSealedBecause why not, when not
     * @param nanos how long it took
     */
    public record Report(
            int directories,
            int jars,
            int classesDefined,
            int classesFailed,
            boolean sealed,
            String notSealedBecause,
            long nanos) {}

    /**
     * Marks the calling thread, and the threads it starts from now on, as contained: its root is
     * about to become a container's. Call on the view thread before the root switch.
     */
    public static void markContained() {
        CONTAINED.set(Boolean.TRUE);
    }

    /**
     * Clears the mark of the calling thread, once it is provably back on the host (a re-used view
     * thread, {@code dev.fsview.linux.ns.SpareThreads}).
     */
    public static void markHost() {
        CONTAINED.remove();
    }

    /**
     * Says whether the calling thread is contained.
     *
     * @return {@code true} after {@link #markContained()} on this thread or the thread that
     *     started it
     */
    public static boolean isContained() {
        return CONTAINED.get() != null;
    }

    /**
     * Seals the system class loader's class path, once per JVM; later calls return the first
     * report. Call on a host thread before any view switches root.
     *
     * @return what was done
     */
    public static synchronized Report seal() {
        if (report == null) {
            // A contained thread would walk the container's directories instead of the host's.
            if (isContained()) {
                throw new IllegalStateException("the class path must be sealed on a host thread");
            }
            report = sealNow();
            LOG.debug("class path sealed: {}", report);
            if (!report.sealed()) {
                LOG.warn(
                        "fsview could not seal the class path ({}): a task that looks up a class"
                                + " or resource not yet loaded may read it from the container",
                        report.notSealedBecause());
            }
        }
        return report;
    }

    /**
     * The report of {@link #seal()}, if it ran.
     *
     * @return the report, or {@code null}
     */
    public static synchronized Report report() {
        return report;
    }

    private static Report sealNow() {
        long start = System.nanoTime();
        ClassLoader app = ClassLoader.getSystemClassLoader();
        openEveryEntry(app);
        ClassPathLoaders loaders;
        String why = null;
        try {
            loaders = ClassPathLoaders.of(app);
        } catch (ReflectiveOperationException | RuntimeException e) {
            loaders = null;
            why = "the JDK's class loader internals are not the expected ones: " + e;
        }
        List<ClassPathLoaders.Entry> entries = loaders == null ? List.of() : loaders.entries();
        List<File> dirs = new ArrayList<>();
        for (ClassPathLoaders.Entry e : entries) {
            if (e.dir != null) {
                dirs.add(e.dir);
            }
        }
        if (loaders == null) {
            dirs.addAll(classPathDirectories());
        }
        int[] counts = new int[2];
        for (File dir : dirs) {
            defineAll(app, dir.toPath(), counts);
        }
        int jars = 0;
        if (loaders != null) {
            for (ClassPathLoaders.Entry e : entries) {
                try {
                    if (e.dir != null) {
                        loaders.rebase(
                                e,
                                new URL(
                                        e.base.getProtocol(),
                                        e.base.getHost(),
                                        e.base.getPort(),
                                        e.base.getFile(),
                                        new SealedHandler.Directory()));
                    } else if (e.jar != null) {
                        loaders.rebase(
                                e,
                                new URL(
                                        e.base.getProtocol(),
                                        e.base.getHost(),
                                        e.base.getPort(),
                                        e.base.getFile(),
                                        new SealedHandler.Jar(e.jar)));
                        jars++;
                    } else if (why == null) {
                        why = "class-path entry " + e.base + " is neither a directory nor an open "
                                + "jar";
                    }
                } catch (MalformedURLException | RuntimeException x) {
                    why = "cannot seal " + e.base + ": " + x;
                }
            }
        }
        return new Report(
                dirs.size(),
                jars,
                counts[0],
                counts[1],
                why == null,
                why,
                System.nanoTime() - start);
    }

    /** One lookup that misses opens every loader of the path, manifests' Class-Path included. */
    private static void openEveryEntry(ClassLoader app) {
        try {
            // Any name does: the lookup goes through every entry whether or not one holds it. Not
            // the pid: ProcessHandle.current() started the JDK's process-reaper machinery.
            Collections.list(app.getResources("META-INF/fsview-class-path-seal/absent"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the class path", e);
        }
    }

    /** Directories of java.class.path, when the JDK's loaders cannot be read. */
    private static List<File> classPathDirectories() {
        List<File> out = new ArrayList<>();
        for (String p : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            File f = new File(p);
            if (!p.isEmpty() && f.isDirectory()) {
                out.add(f);
            }
        }
        return out;
    }

    private static void defineAll(ClassLoader app, Path dir, int[] counts) {
        for (String name : classNames(dir)) {
            try {
                Class.forName(name, false, app);
                counts[0]++;
            } catch (ClassNotFoundException | LinkageError e) {
                counts[1]++;
            }
        }
    }

    /**
     * The binary names of the class files of a class-path directory, its package directories
     * only.
     *
     * @param dir the directory
     * @return e.g. {@code a.b.C}, {@code a.b.C$D}
     */
    static List<String> classNames(Path dir) {
        List<String> names = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    // Only package directories hold classes: a class path of "." or of a large
                    // directory is not walked beyond them (nor into META-INF, versions included).
                    return d.equals(dir) || isIdentifier(d.getFileName().toString())
                            ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String n = f.getFileName().toString();
                    if (attrs.isRegularFile()
                            && n.endsWith(".class")
                            && isIdentifier(n.substring(0, n.length() - ".class".length()))) {
                        String rel = dir.relativize(f).toString();
                        names.add(rel.substring(0, rel.length() - ".class".length())
                                .replace('/', '.'));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot list class-path directory {}: {}", dir, e.toString());
        }
        return names;
    }

    /** A Java identifier (package segment or class name; nested classes' '$' included). */
    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
