package dev.fsview.linux.preload;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The handler of the base URL of a sealed class-path entry, and so of every resource URL the
 * system class loader makes from it. On a host thread it behaves exactly as the JDK's own
 * {@code file:} or {@code jar:} handler (it delegates to an equal URL of the JDK's). On a
 * contained thread (one whose root is a container: {@link ClassPathSeal#isContained()}):
 * <ul>
 *   <li>a <b>directory</b> entry refuses to make any URL, so the JDK's loader returns "not found"
 *       before it touches a path: a lookup by path there would read the container's file at the
 *       same path;
 *   <li>a <b>jar</b> entry opens its resources from the jar the loader opened on the host, by
 *       entry name: the JDK would reopen the jar by path for a {@code jar:} URL opened without
 *       caches, as {@code ServiceLoader} does, and read the container's file there.
 * </ul>
 */
abstract class SealedHandler extends URLStreamHandler {

    /**
     * The same URL with the JDK's handler.
     *
     * @param u a URL of this handler
     * @return the JDK's equal URL
     */
    static URL std(URL u) {
        try {
            return new URL(u.toExternalForm());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot re-parse " + u.toExternalForm(), e);
        }
    }

    @Override
    protected void parseURL(URL u, String spec, int start, int limit) {
        URL real;
        try {
            // The URL's fields are still the context's (or empty for an absolute spec): resolve
            // the spec as the JDK's handler would, against the JDK's equal context.
            URL context = u.getPath() == null || u.getPath().isEmpty() ? null : std(u);
            real = new URL(context, spec.substring(0, limit));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        setURL(
                u,
                real.getProtocol(),
                real.getHost(),
                real.getPort(),
                real.getAuthority(),
                real.getUserInfo(),
                real.getPath(),
                real.getQuery(),
                u.getRef());
    }

    @Override
    protected URLConnection openConnection(URL u) throws IOException {
        return std(u).openConnection();
    }

    @Override
    protected boolean equals(URL u1, URL u2) {
        return std(u1).equals(u2);
    }

    @Override
    protected int hashCode(URL u) {
        return std(u).hashCode();
    }

    @Override
    protected boolean sameFile(URL u1, URL u2) {
        return std(u1).sameFile(u2);
    }

    /** Thrown, and caught by the JDK's loader, for a lookup in a sealed directory. */
    static final class SealedLookup extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SealedLookup() {
            super(
                    "class-path directories are not looked up on a thread whose root is a "
                            + "container",
                    null,
                    false,
                    false);
        }
    }

    /** A class-path directory. */
    static final class Directory extends SealedHandler {
        @Override
        protected void parseURL(URL u, String spec, int start, int limit) {
            // Classes and resources planted in the container at the directory's path must never
            // be defined or read: no URL, so the loader finds nothing and reads no path.
            if (ClassPathSeal.isContained()) {
                throw new SealedLookup();
            }
            super.parseURL(u, spec, start, limit);
        }

        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            // A resource URL of a class-path directory, opened on a contained thread, is a path
            // into the container.
            if (ClassPathSeal.isContained()) {
                throw new FileNotFoundException(u + ": class-path directories are not read on "
                        + "a thread whose root is a container");
            }
            return super.openConnection(u);
        }
    }

    /** A class-path jar, opened on the host. */
    static final class Jar extends SealedHandler {
        private final JarFile jar;

        Jar(JarFile jar) {
            this.jar = jar;
        }

        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            if (!ClassPathSeal.isContained()) {
                return super.openConnection(u);
            }
            // The JDK would reopen the jar by path (in the container): read the host's jar.
            String file = u.getFile();
            int bang = file.indexOf("!/");
            if (bang < 0) {
                throw new FileNotFoundException(u + ": not an entry of a jar");
            }
            String entry = URLDecoder.decode(
                    file.substring(bang + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
            return new EntryConnection(u, jar, entry);
        }
    }

    /** Reads one entry of a jar opened on the host. */
    private static final class EntryConnection extends URLConnection {
        private final JarFile jar;
        private final String name;
        private JarEntry entry;

        EntryConnection(URL url, JarFile jar, String name) {
            super(url);
            this.jar = jar;
            this.name = name;
        }

        @Override
        public void connect() throws IOException {
            if (entry == null) {
                JarEntry e = jar.getJarEntry(name);
                if (e == null) {
                    throw new FileNotFoundException(
                            "JAR entry " + name + " not found in " + jar.getName());
                }
                entry = e;
                connected = true;
            }
        }

        @Override
        public InputStream getInputStream() throws IOException {
            connect();
            return jar.getInputStream(entry);
        }

        @Override
        public long getContentLengthLong() {
            try {
                connect();
                return entry.getSize();
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
