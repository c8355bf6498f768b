package dev.fsview.testkit.differential;

import dev.fsview.FsView;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.testkit.host.PrivateMountNamespace;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;

/**
 * One of the two places a differential sequence runs: a plain directory of the JVM's default file
 * system (the reference: what the JDK does on Linux), or a view. Operations name paths relative to
 * the tree's top ({@code "a/b"}); a side turns them into its own paths, stores absolute link
 * targets its own way, and writes what it reports back in the view's terms, so that the two
 * sides' reports can be compared as strings.
 */
public interface Side {
    /**
     * Returns the side's path for a tree path.
     *
     * @param rel a path relative to the tree's top, e.g. {@code "a/b"}; {@code ""} for the top
     * @return the side's path
     */
    Path path(String rel);

    /**
     * Returns the side's path for a relative path, without making it absolute (for link targets).
     *
     * @param rel a relative path
     * @return a relative path of the side's file system
     */
    Path relative(String rel);

    /**
     * Returns what to store in a symlink so that it means {@code target} in the tree: an absolute
     * target is relative to the tree's top.
     *
     * @param target a link target as the tree means it
     * @return the target to store
     */
    String linkTarget(String target);

    /**
     * Rewrites something the side reported (a path, a link target, a message) in the view's
     * terms: the reference's top directory becomes {@code /}.
     *
     * @param reported what the side reported
     * @return the same in tree terms
     */
    String normalize(String reported);

    /**
     * Changes the side's working directory, against which paths starting with {@code ./}
     * resolve.
     *
     * @param rel a tree path (from the top), a path starting with {@code .} (from the working
     *     directory), or the empty path (ENOENT, as chdir(""))
     * @throws IOException what {@code FsView.chdir} throws: NoSuchFileException,
     *     NotDirectoryException, naming the path as the view is given it
     */
    default void chdir(String rel) throws IOException {
        throw new UnsupportedOperationException(this + " has no working directory of its own");
    }

    /**
     * Returns the side's working directory in tree terms, as {@code getcwd} reports it, and once
     * it was removed the last path it had (as {@code FsView.cwd()} documents).
     *
     * @return e.g. {@code "/a/b"}
     * @throws IOException if it cannot be read
     */
    default String cwd() throws IOException {
        throw new UnsupportedOperationException(this + " has no working directory of its own");
    }

    /**
     * Returns what identifies the file system (the mount) a path is on, and whether it is
     * read-only.
     *
     * @param rel a tree path
     * @return the store
     * @throws IOException what {@code Files.getFileStore} throws
     */
    default Store store(String rel) throws IOException {
        throw new UnsupportedOperationException(this + " cannot tell mounts apart");
    }

    /**
     * A file store as the sequence compares it: equal for two paths of one mount.
     *
     * @param identity equal for paths on the same mount
     * @param readOnly whether the mount is read-only
     */
    record Store(Object identity, boolean readOnly) {}

    /** How a view spells a path given to {@link #chdir}: tree paths absolute, others as given. */
    private static String spelled(String rel) {
        return rel.isEmpty() || rel.startsWith(".") ? rel : "/" + rel;
    }

    /**
     * The reference side: a directory of the JVM's default file system.
     *
     * @param top the directory
     * @return the side
     */
    static Side reference(Path top) {
        return reference(top, null);
    }

    /**
     * The reference side, whose operations run on the private mount namespace's thread: its
     * working directory and mounts are the thread's own.
     *
     * @param top the directory
     * @param ns the namespace, or {@code null}
     * @return the side
     */
    static Side reference(Path top, PrivateMountNamespace ns) {
        String base = top.toString();
        return new Side() {
            @Override
            public void chdir(String rel) throws IOException {
                String p = rel.isEmpty() || rel.startsWith(".") ? rel : base + "/" + rel;
                int errno = ns.chdir(p);
                String spelled = spelled(rel);
                if (errno == 0) {
                    cwd();
                    return;
                }
                if (errno == Errno.ENOTDIR.number()) {
                    throw new NotDirectoryException(spelled); // FsView.chdir's own
                }
                Errno e = Errno.of(errno);
                if (e == null) {
                    throw new FileSystemException(spelled, null, ns.strerror(errno));
                }
                throw NioExceptions.of(e, spelled, null); // as the JDK translates the errno
            }

            /** The working directory when getcwd last answered, as FsView.cwd() keeps it. */
            private String last = "/";

            @Override
            public String cwd() throws IOException {
                String cwd = ns.getcwd();
                if (!cwd.startsWith("errno ")) {
                    last = cwd.equals(base) ? "/" : normalize(cwd);
                }
                return last;
            }

            @Override
            public Store store(String rel) throws IOException {
                // The JDK's own getFileStore, for its failures: it stats the path first, and
                // reports what that stat finds as this JDK does (ENOTDIR stays "Not a directory"
                // on JDK 25, where readAttributes says NoSuchFileException). Its mount lookup
                // reads the main thread's mount table, which lacks this namespace's mounts ("Mount
                // point not found"): the mount is found in the thread's own mountinfo instead.
                try {
                    Files.getFileStore(path(rel));
                } catch (java.nio.file.FileSystemException failure) {
                    throw failure;
                } catch (IOException mountOfThisNamespace) {
                    // found below
                }
                String real = path(rel).toRealPath().toString();
                String point = null;
                boolean readOnly = false;
                List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/mountinfo"));
                for (String line : lines) {
                    String[] f = line.split(" ");
                    String mp = f[4].replace("\\040", " ");
                    if ((real.equals(mp) || real.startsWith(mp.equals("/") ? "/" : mp + "/"))
                            && (point == null || mp.length() >= point.length())) {
                        point = mp;
                        readOnly = ("," + f[5] + ",").contains(",ro,");
                    }
                }
                return new Store(point, readOnly);
            }

            @Override
            public Path path(String rel) {
                if (rel.startsWith("./")) {
                    return top.getFileSystem().getPath(rel); // from the thread's own cwd
                }
                return rel.isEmpty() ? top : top.resolve(rel);
            }

            @Override
            public Path relative(String rel) {
                return top.getFileSystem().getPath(rel);
            }

            @Override
            public String linkTarget(String target) {
                return target.startsWith("/") ? base + target : target;
            }

            @Override
            public String normalize(String reported) {
                return reported.replace(base + "/", "/").replace(base, "/");
            }

            @Override
            public String toString() {
                return "the JDK on " + base;
            }
        };
    }

    /**
     * The view side: the view's own file system, whose top is {@code /}.
     *
     * @param view the view
     * @return the side
     */
    static Side view(FsView view) {
        return new Side() {
            @Override
            public Path path(String rel) {
                return view.path(rel.startsWith("./") ? rel : "/" + rel);
            }

            @Override
            public void chdir(String rel) throws IOException {
                view.chdir(spelled(rel));
            }

            @Override
            public String cwd() {
                return view.cwd();
            }

            @Override
            public Store store(String rel) throws IOException {
                FileStore s = Files.getFileStore(path(rel));
                return new Store(s, s.isReadOnly());
            }

            @Override
            public Path relative(String rel) {
                return view.path(rel);
            }

            @Override
            public String linkTarget(String target) {
                return target;
            }

            @Override
            public String normalize(String reported) {
                return reported;
            }

            @Override
            public String toString() {
                return view.backend() + " view";
            }
        };
    }
}
