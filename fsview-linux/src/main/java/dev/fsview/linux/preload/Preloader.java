package dev.fsview.linux.preload;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.sys.Sys;
import dev.fsview.spi.PreloadClasses;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads and initialises, before a view switches root, everything its thread may need afterwards.
 * At every open ({@link #preload}): once per JVM, every class of fsview-linux and fsview-api (the
 * view thread runs the dispatcher and the NIO provider), JNA's libc binding and the system class
 * path, every directory's classes defined and every entry sealed ({@link ClassPathSeal}); per
 * view, the classes the spec names in {@link dev.fsview.ViewSpec#preloadClasses()}, with the
 * opener's context class loader. Before the first work a view thread runs in a container's root
 * ({@link #warmUp}): once per JVM, the JDK facilities the NIO path touches ({@link JdkWarmUp}) and
 * every glibc NSS module the host's {@code nsswitch.conf} names ({@link NssWarmUp}).
 *
 * <p>Why: after the switch, anything the JVM or glibc loads lazily by path on the view thread is
 * looked up inside the container, which is hostile. Why the warm-up waits: a view thread that
 * switches at its first request (the empty namespace with {@code openat2}) is until then in the
 * empty, read-only, noexec tmpfs, where no lookup by path finds anything; a program that never
 * hands a view work (the {@code fsview} command) never pays for it.
 */
public final class Preloader {
    private static final String[] INITIALISED = {"dev/fsview/linux/", "dev/fsview/spi/"};
    private static boolean baseDone;
    private static volatile boolean warmedUp;

    private Preloader() {}

    /**
     * Preloads the base set (once) and the spec's classes. Call on the opener's (host) thread.
     *
     * @param classes binary class names from the spec
     * @throws MountStepException step {@code preload} if a class cannot be loaded or initialised
     */
    public static void preload(List<String> classes) throws MountStepException {
        base();
        PreloadClasses.load(classes, Preloader.class);
    }

    /**
     * Warms the JDK and the host's glibc NSS modules up, once per JVM, on the calling thread: call
     * on a host thread before any view thread enters a container's root (at the open of a view
     * that switches there, or before the first work handed to one that switches at its first
     * request). Returns at once after the first success; a failure is retried by the next call.
     *
     * @throws MountStepException step {@code preload} if the warm-up failed, or if the calling
     *     thread is inside a view (its lookups by path would be the container's)
     */
    public static void warmUp() throws MountStepException {
        if (!warmedUp) {
            warmUpOnce();
        }
    }

    /**
     * Says whether {@link #warmUp} has succeeded in this JVM.
     *
     * @return {@code true} once the JDK and NSS warm-up is done
     */
    public static boolean warmedUp() {
        return warmedUp;
    }

    private static synchronized void warmUpOnce() throws MountStepException {
        if (warmedUp) {
            return;
        }
        if (ClassPathSeal.isContained()) {
            // A thread in a view: the JDK's data files and glibc's modules would be looked up in
            // the container. Never reached by fsview itself (a view thread runs work only after a
            // warm-up), refused rather than done there.
            throw preloadFailure(
                    "the JDK and NSS warm-up must run on a host thread, not inside a view", null);
        }
        try {
            JdkWarmUp.run();
            NssWarmUp.run();
        } catch (IOException | LinkageError | RuntimeException e) {
            throw preloadFailure("cannot warm the JDK and glibc up: " + e, e);
        }
        warmedUp = true;
    }

    private static MountStepException preloadFailure(String message, Throwable cause) {
        return new MountStepException(SetupStep.PRELOAD, "", 0, "", "", message, cause);
    }

    /**
     * Loads every class of a package (and its subpackages) from the jar or directory a class came
     * from, without initialising them: a way for users to make a whole package of task code
     * loadable in views (call it before opening them).
     *
     * @param anchor any class of the package
     * @throws IOException if the jar or directory cannot be read
     * @throws ClassNotFoundException if a listed class cannot be loaded
     */
    public static void preloadPackage(Class<?> anchor) throws IOException, ClassNotFoundException {
        try {
            loadAll(anchor, anchor.getPackageName().replace('.', '/') + "/", true, new HashMap<>());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the classes of " + anchor.getPackageName(), e);
        }
    }

    private static synchronized void base() throws MountStepException {
        if (baseDone) {
            return;
        }
        try {
            Sys.load();
            // Only what a view thread runs: this backend, the SPI and the API's own package. Not
            // "dev/fsview/" whole: in an uber jar (the benchmarks', an application's) that is every
            // module of fsview, the kit and the CLI too, and some of their classes cannot even be
            // loaded without their optional dependencies (ArchUnit), which failed every open.
            // Each jar listed once for the three (2,079 entries in the CLI's, listed three times
            // before: about 5 ms of every command's start).
            Map<String, List<String>> listed = new HashMap<>();
            loadAll(Preloader.class, "dev/fsview/linux/", true, listed);
            loadAll(dev.fsview.spi.AbstractFsView.class, "dev/fsview/spi/", true, listed);
            loadAll(dev.fsview.FsView.class, "dev/fsview/", false, listed);
            // Last: everything above may load classes; the seal defines the rest of the class
            // path's directories and stops lookups by path on contained threads. The warm-up
            // loads only the JDK's classes and those above.
            ClassPathSeal.seal();
        } catch (IOException
                | ClassNotFoundException
                | URISyntaxException
                | LinkageError
                | RuntimeException e) {
            throw preloadFailure("cannot preload fsview's own classes: " + e, e);
        }
        baseDone = true;
    }

    /**
     * Loads every class of a package of the jar or directory of {@code anchor}, and of its
     * subpackages when {@code deep}; {@code listed} keeps each location's class files.
     */
    private static void loadAll(
            Class<?> anchor, String prefix, boolean deep, Map<String, List<String>> listed)
            throws IOException, ClassNotFoundException, URISyntaxException {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null) {
            return;
        }
        // Keyed by the URL's text: URL.equals and hashCode may resolve the host name.
        String location = source.getLocation().toExternalForm();
        List<String> files = listed.get(location);
        if (files == null) {
            files = classFiles(source.getLocation());
            listed.put(location, files);
        }
        ClassLoader loader = anchor.getClassLoader();
        for (String name : select(files, prefix, deep)) {
            boolean initialise = false;
            for (String p : INITIALISED) {
                initialise |= name.startsWith(p.replace('/', '.'));
            }
            Class.forName(name, initialise, loader);
        }
    }

    /** The binary names of the classes of a package (and its subpackages when deep). */
    static List<String> classNames(URL location, String prefix, boolean deep)
            throws IOException, URISyntaxException {
        return select(classFiles(location), prefix, deep);
    }

    private static List<String> select(List<String> classFiles, String prefix, boolean deep) {
        List<String> names = new ArrayList<>();
        for (String f : classFiles) {
            if (f.startsWith(prefix) && inScope(f, prefix, deep)) {
                names.add(binaryName(f));
            }
        }
        return names;
    }

    /** The class files of a jar or a class directory, as paths relative to its top. */
    private static List<String> classFiles(URL location) throws IOException, URISyntaxException {
        Path path = Path.of(location.toURI());
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walked = Files.walk(path)) {
                for (Iterator<Path> i = walked.iterator(); i.hasNext(); ) {
                    String relative = path.relativize(i.next()).toString();
                    if (isClass(relative)) {
                        files.add(relative);
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (isClass(n)) {
                        files.add(n);
                    }
                }
            }
        }
        return files;
    }

    private static boolean inScope(String file, String prefix, boolean deep) {
        return deep || file.lastIndexOf('/') < prefix.length();
    }

    private static boolean isClass(String file) {
        return file.endsWith(".class") && !file.contains("-info");
    }

    private static String binaryName(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.');
    }
}
