package dev.fsview.linux.nio;

import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * Attribute views of view paths: the JDK's own view of the path (which does no I/O until asked),
 * behind a proxy that carries every method call into the view. Works for every view the JDK has on
 * Linux ({@code basic}, {@code posix}, {@code owner}, {@code dos}, {@code user}) without a wrapper
 * class per interface.
 */
final class DispatchingAttributeViews {
    private DispatchingAttributeViews() {}

    /**
     * Wraps a view for the hand-over: every method call runs on the view thread, on the JDK's
     * own view of the path there; owners are read as numbers and named by {@code names}, and set
     * by number.
     */
    static <V extends FileAttributeView> V wrap(
            AbstractFsView view,
            Class<V> type,
            V host,
            CallerThreadReads names,
            ViewPath path,
            LinkOption... options) {
        if (host == null) {
            return null;
        }
        java.nio.file.Path h = HostPaths.of(path);
        Object proxy = Proxy.newProxyInstance(
                DispatchingAttributeViews.class.getClassLoader(),
                new Class<?>[] {type},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(self, method, args, host);
                    }
                    switch (method.getName()) {
                        case "getOwner":
                            return names.posixAttributes(path, options).owner();
                        case "readAttributes":
                            if (PosixFileAttributes.class.isAssignableFrom(
                                    method.getReturnType())) {
                                return names.posixAttributes(path, options);
                            }
                            break;
                        case "setOwner":
                            if (args[0] instanceof ViewPrincipals.Owner) {
                                int uid = ViewPrincipals.uid((UserPrincipal) args[0]);
                                return view.dispatch(() -> java.nio.file.Files.setAttribute(
                                        h, "unix:uid", uid, options));
                            }
                            break;
                        case "setGroup":
                            if (args[0] instanceof ViewPrincipals.Owner) {
                                int gid = ViewPrincipals.gid((GroupPrincipal) args[0]);
                                return view.dispatch(() -> java.nio.file.Files.setAttribute(
                                        h, "unix:gid", gid, options));
                            }
                            break;
                        default:
                            break;
                    }
                    return view.dispatch(() -> invoke(host, method, args));
                });
        return type.cast(proxy);
    }

    /**
     * A view whose every method runs on the caller's thread: reads through {@code reads} (owner
     * and group named from the container's files), owners and groups set by number, and anything
     * else by the JDK's own view of exactly the file ({@link CallerThreadWrites#onFile}).
     *
     * @param view the view, checked open at each call
     * @param type the view's interface
     * @param reads the caller-thread reads
     * @param writes the caller-thread mutations
     * @param path the view path
     * @param options the link options
     * @return the view, or {@code null} where the JDK has none of that type
     */
    static <V extends FileAttributeView> V onCallerThread(
            AbstractFsView view,
            Class<V> type,
            CallerThreadReads reads,
            CallerThreadWrites writes,
            ViewPath path,
            LinkOption... options) {
        // The JDK's view of a host path that is never touched: no I/O until its methods run, and
        // none of them is called; it tells whether the JDK has the type, and its name.
        V probe = java.nio.file.Files.getFileAttributeView(java.nio.file.Path.of("/"), type);
        if (probe == null) {
            return null;
        }
        boolean follow = CallerThreadReads.follows(options);
        Object proxy = Proxy.newProxyInstance(
                DispatchingAttributeViews.class.getClassLoader(),
                new Class<?>[] {type},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(self, method, args, "view of " + path);
                    }
                    if (!method.getName().equals("name")) {
                        view.checkOpen();
                    }
                    switch (method.getName()) {
                        case "name":
                            return probe.name();
                        case "readAttributes":
                            if (args == null) {
                                return reads.readAttributes(
                                        path,
                                        method.getReturnType()
                                                .asSubclass(BasicFileAttributes.class),
                                        options);
                            }
                            break;
                        case "getOwner":
                            return reads.posixAttributes(path, options).owner();
                        case "setOwner":
                            writes.setAttribute(
                                    path,
                                    "unix:uid",
                                    ViewPrincipals.uid((UserPrincipal) args[0]),
                                    options);
                            return null;
                        case "setGroup":
                            writes.setAttribute(
                                    path,
                                    "unix:gid",
                                    ViewPrincipals.gid((GroupPrincipal) args[0]),
                                    options);
                            return null;
                        default:
                            break;
                    }
                    // An operation the JDK follows though told not to goes to the object
                    // found inside the root: a name handed to it would resolve on the host.
                    boolean follows = follow
                            || JdkNoFollow.followsAnyway(
                                    JdkNoFollow.ofMethod(type, method.getName()));
                    return writes.onFile(
                            path,
                            follows,
                            (file, o) -> invoke(
                                    java.nio.file.Files.getFileAttributeView(file, type, o),
                                    method,
                                    args));
                });
        return type.cast(proxy);
    }

    private static Object objectMethod(Object self, Method method, Object[] args, Object what) {
        switch (method.getName()) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            default:
                return what instanceof String ? what : "view of " + what;
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
