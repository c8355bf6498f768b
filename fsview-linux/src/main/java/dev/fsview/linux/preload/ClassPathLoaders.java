package dev.fsview.linux.preload;

import java.io.File;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Reads and rewires the loaders of the JDK's system class loader ({@code BuiltinClassLoader.ucp},
 * a {@code jdk.internal.loader.URLClassPath}) through {@code sun.misc.Unsafe}: the JDK offers no
 * API to stop a class-path directory from being looked up by path, and only this can. Everything
 * is checked by name and type first; any mismatch (another JDK's internals) makes
 * {@link #of(ClassLoader)} fail with the reason, and nothing is changed.
 */
final class ClassPathLoaders {
    private static final String INTERNAL = "jdk.internal.loader.";

    private final sun.misc.Unsafe unsafe;
    private final Object ucp;
    private final long loadersOffset;
    private final long baseOffset;
    private final long dirOffset;
    private final long jarOffset;
    private final Class<?> fileLoader;
    private final Class<?> jarLoader;

    private ClassPathLoaders(sun.misc.Unsafe unsafe, Object ucp)
            throws ReflectiveOperationException {
        this.unsafe = unsafe;
        this.ucp = ucp;
        Class<?> urlClassPath = Class.forName(INTERNAL + "URLClassPath");
        Class<?> loader = Class.forName(INTERNAL + "URLClassPath$Loader");
        fileLoader = Class.forName(INTERNAL + "URLClassPath$FileLoader");
        jarLoader = Class.forName(INTERNAL + "URLClassPath$JarLoader");
        loadersOffset = offset(urlClassPath, "loaders", ArrayList.class);
        baseOffset = offset(loader, "base", URL.class);
        dirOffset = offset(fileLoader, "dir", File.class);
        jarOffset = offset(jarLoader, "jar", JarFile.class);
    }

    /**
     * Finds the loaders of a class loader's class path.
     *
     * @param app the system class loader
     * @return the loaders, or {@code null} if {@code app} has no class path
     * @throws ReflectiveOperationException if the JDK's internals are not the expected ones
     */
    static ClassPathLoaders of(ClassLoader app) throws ReflectiveOperationException {
        Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        Class<?> builtin = Class.forName(INTERNAL + "BuiltinClassLoader");
        if (!builtin.isInstance(app)) {
            throw new NoSuchFieldException("the system class loader is a "
                    + app.getClass().getName() + ", not the JDK's BuiltinClassLoader");
        }
        Field ucpField = builtin.getDeclaredField("ucp");
        Object ucp = unsafe.getObjectVolatile(app, unsafe.objectFieldOffset(ucpField));
        return ucp == null ? null : new ClassPathLoaders(unsafe, ucp);
    }

    private long offset(Class<?> owner, String name, Class<?> type) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        if (f.getType() != type) {
            throw new NoSuchFieldException(owner.getName() + "." + name + " is a "
                    + f.getType().getName() + ", not a " + type.getName());
        }
        return unsafe.objectFieldOffset(f);
    }

    /** One opened class-path entry. */
    static final class Entry {
        final Object loader;
        final URL base;
        /** The directory of a directory entry, else null. */
        final File dir;
        /** The open jar of a jar entry, else null. */
        final JarFile jar;

        Entry(Object loader, URL base, File dir, JarFile jar) {
            this.loader = loader;
            this.base = base;
            this.dir = dir;
            this.jar = jar;
        }
    }

    /**
     * The loaders opened so far, in class-path order (directories and local jars; any other kind
     * is returned with neither {@code dir} nor {@code jar}).
     *
     * @return the entries
     */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        List<?> loaders;
        synchronized (ucp) {
            loaders = new ArrayList<>((List<?>) unsafe.getObjectVolatile(ucp, loadersOffset));
        }
        for (Object l : loaders) {
            URL base = (URL) unsafe.getObjectVolatile(l, baseOffset);
            File dir =
                    fileLoader.isInstance(l) ? (File) unsafe.getObjectVolatile(l, dirOffset) : null;
            JarFile jar = jarLoader.isInstance(l)
                    ? (JarFile) unsafe.getObjectVolatile(l, jarOffset)
                    : null;
            out.add(new Entry(l, base, dir, jar));
        }
        return out;
    }

    /**
     * Replaces the base URL of a loader, from which it makes the URL of every resource it looks
     * up, with an equal URL whose handler is {@code sealed}.
     *
     * @param entry the loader
     * @param sealed the same URL with fsview's handler
     */
    void rebase(Entry entry, URL sealed) {
        if (!sealed.toExternalForm().equals(entry.base.toExternalForm())) {
            throw new IllegalArgumentException(sealed + " is not " + entry.base);
        }
        synchronized (ucp) {
            unsafe.putObjectVolatile(entry.loader, baseOffset, sealed);
        }
    }
}
