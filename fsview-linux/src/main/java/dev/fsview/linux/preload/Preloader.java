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
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads and initialises, before a view switches root, everything its thread may need afterwards:
 * once per JVM, every class of fsview-linux and fsview-api (the view thread runs the dispatcher and
 * the NIO provider), JNA's libc binding, the JDK facilities the NIO path touches
 * ({@link JdkWarmUp}), every glibc NSS module the host's {@code nsswitch.conf} names
 * ({@link NssWarmUp}), and the system class path, every directory's classes defined and every
 * entry sealed ({@link ClassPathSeal}); per view, the classes the spec names in
 * {@link dev.fsview.ViewSpec#preloadClasses()}, with the opener's context class loader.
 *
 * <p>Why: after the switch, anything the JVM or glibc loads lazily by path on the view thread is
 * looked up inside the container, which is hostile.
 */
public final class Preloader {
    private static final String[] INITIALISED = {"dev/fsview/linux/", "dev/fsview/spi/"};
    private static boolean baseDone;

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
            loadAll(anchor, anchor.getPackageName().replace('.', '/') + "/", true);
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
            loadAll(Preloader.class, "dev/fsview/linux/", true);
            loadAll(dev.fsview.spi.AbstractFsView.class, "dev/fsview/spi/", true);
            loadAll(dev.fsview.FsView.class, "dev/fsview/", false);
            JdkWarmUp.run();
            NssWarmUp.run();
            // Last: everything above may load classes; the seal defines the rest of the class
            // path's directories and stops lookups by path on contained threads.
            ClassPathSeal.seal();
        } catch (IOException
                | ClassNotFoundException
                | URISyntaxException
                | LinkageError
                | RuntimeException e) {
            throw new MountStepException(
                    SetupStep.PRELOAD,
                    "",
                    0,
                    "",
                    "",
                    "cannot preload fsview's own classes: " + e,
                    e);
        }
        baseDone = true;
    }

    /**
     * Loads every class of a package of the jar or directory of {@code anchor}, and of its
     * subpackages when {@code deep}.
     */
    private static void loadAll(Class<?> anchor, String prefix, boolean deep)
            throws IOException, ClassNotFoundException, URISyntaxException {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null) {
            return;
        }
        ClassLoader loader = anchor.getClassLoader();
        for (String name : classNames(source.getLocation(), prefix, deep)) {
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
        Path path = Path.of(location.toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path.resolve(prefix))) {
                files.map(f -> path.relativize(f).toString())
                        .filter(f -> isClass(f) && inScope(f, prefix, deep))
                        .forEach(f -> names.add(binaryName(f)));
            }
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith(prefix) && isClass(n) && inScope(n, prefix, deep)) {
                        names.add(binaryName(n));
                    }
                }
            }
        }
        return names;
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
