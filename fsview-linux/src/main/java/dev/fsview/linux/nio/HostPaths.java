package dev.fsview.linux.nio;

import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.nio.ViewPath;

import java.nio.file.Path;

/**
 * Turns a view path into the path the JDK's own file system operates on <em>on the view
 * thread</em>, whose root is the container root and whose kernel working directory is the view's:
 * the same string, so absolute paths resolve in the container, relative ones against the view's
 * cwd, and the JDK's exceptions name the path exactly as the caller spelled it.
 *
 * <p>One exception: when the JVM was started with a {@code user.dir} that is not its working
 * directory, the JDK resolves relative paths against {@code user.dir} itself; then relative paths
 * are made absolute against the view's cwd first.
 */
final class HostPaths {
    private static final boolean JDK_RESOLVES_RELATIVE = jdkResolvesRelative();

    private HostPaths() {}

    private static boolean jdkResolvesRelative() {
        try {
            return !Path.of("").toAbsolutePath().toString().equals(Sys.getcwd());
        } catch (SyscallException e) {
            return true;
        }
    }

    /**
     * Returns the default file system's path for a view path.
     *
     * @param p a path of the view's file system
     * @return the path to hand the JDK on the view thread
     */
    static Path of(ViewPath p) {
        if (JDK_RESOLVES_RELATIVE && !p.isAbsolute()) {
            return Path.of(p.toAbsolutePath().toString());
        }
        return Path.of(p.toString());
    }
}
