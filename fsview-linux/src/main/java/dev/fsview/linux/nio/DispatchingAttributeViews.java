package dev.fsview.linux.nio;

import dev.fsview.spi.AbstractFsView;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import dev.fsview.spi.nio.ViewPath;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttributeView;

/**
 * Attribute views of view paths: the JDK's own view of the path (which does no I/O until asked),
 * behind a proxy that carries every method call into the view. Works for every view the JDK has on
 * Linux ({@code basic}, {@code posix}, {@code owner}, {@code dos}, {@code user}) without a wrapper
 * class per interface.
 */
final class DispatchingAttributeViews {
    private DispatchingAttributeViews() {
    }

    static <V extends FileAttributeView> V wrap(AbstractFsView view, Class<V> type, V host) {
        return wrap(view, type, host, null, null, new LinkOption[0]);
    }

    /**
     * Wraps a view; with {@code reads}, the reads of attributes and owners run on the caller's
     * thread (names from the container's files), the rest is handed to the view thread.
     */
    static <V extends FileAttributeView> V wrap(AbstractFsView view, Class<V> type, V host,
            CallerThreadReads reads, ViewPath path, LinkOption... options) {
        if (host == null) {
            return null;
        }
        Object proxy = Proxy.newProxyInstance(DispatchingAttributeViews.class.getClassLoader(),
                new Class<?>[] {type}, (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(self, method, args, host);
                    }
                    if (reads != null && args == null) {
                        switch (method.getName()) {
                            case "getOwner":
                                return reads.posixAttributes(path, options).owner();
                            case "readAttributes":
                                return reads.readAttributes(path,
                                        method.getReturnType().asSubclass(
                                                BasicFileAttributes.class), options);
                            default:
                                break;
                        }
                    }
                    // Names of POSIX attributes are looked up in the view, like the rest.
                    return view.dispatch(() -> ResolvedPosixAttributes.resolvedIfPosix(
                            invoke(host, method, args)));
                });
        return type.cast(proxy);
    }

    private static Object objectMethod(Object self, Method method, Object[] args, Object host) {
        switch (method.getName()) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            default:
                return "view of " + host;
        }
    }

    private static Object invoke(Object host, Method method, Object[] args) throws IOException {
        try {
            return method.invoke(host, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
