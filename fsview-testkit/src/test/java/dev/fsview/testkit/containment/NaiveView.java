package dev.fsview.testkit.containment;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.PathStat;
import dev.fsview.ViewCallable;
import dev.fsview.ViewContext;
import dev.fsview.ViewSpec;
import dev.fsview.ViewTask;
import dev.fsview.spi.PathStats;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.time.Duration;
import java.util.Set;

/**
 * A "view" with no containment at all, to prove the containment harness has teeth: container
 * paths are glued onto the root's host path and handed to the JDK, which follows every symlink the
 * container planted; mounts are mapped by prefix, their targets created with {@code mkdir -p}
 * through the container's links. Tasks run inline, the view being its own task context. Every
 * entry point must catch it.
 */
final class NaiveView implements FsView, ViewContext {
    private final ViewSpec spec;
    private final Glued fs;
    private volatile String cwd = "/";

    NaiveView(ViewSpec spec) throws IOException {
        this.spec = spec;
        this.fs = new Glued();
        for (MountSpec m : spec.mountsInApplyOrder()) {
            Path target = Path.of(spec.root() + m.destination());
            if (m.source().isPresent() && !Files.isDirectory(Path.of(m.source().get()))) {
                Files.createDirectories(target.getParent());
                if (!Files.exists(target)) {
                    Files.createFile(target);
                }
            } else {
                Files.createDirectories(target);
            }
        }
    }

    /** Where a container path lands on the host, the naive way. */
    String host(String containerPath) {
        String p = containerPath.startsWith("/") ? containerPath : cwd + "/" + containerPath;
        for (MountSpec m : spec.mounts()) {
            String d = m.destination();
            if (m.source().isPresent() && (p.equals(d) || p.startsWith(d + "/"))) {
                return m.source().get() + p.substring(d.length());
            }
        }
        return spec.root() + p;
    }

    /** The default file system, with {@code getPath} gluing paths onto the root. */
    private final class Glued extends FileSystem {
        private final FileSystem real = FileSystems.getDefault();

        @Override
        public Path getPath(String first, String... more) {
            return real.getPath(host(real.getPath(first, more).toString()));
        }

        @Override
        public FileSystemProvider provider() {
            return real.provider();
        }

        @Override
        public void close() {}

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public String getSeparator() {
            return "/";
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return real.getRootDirectories();
        }

        @Override
        public Iterable<FileStore> getFileStores() {
            return real.getFileStores();
        }

        @Override
        public Set<String> supportedFileAttributeViews() {
            return real.supportedFileAttributeViews();
        }

        @Override
        public PathMatcher getPathMatcher(String syntaxAndPattern) {
            return real.getPathMatcher(syntaxAndPattern);
        }

        @Override
        public UserPrincipalLookupService getUserPrincipalLookupService() {
            return real.getUserPrincipalLookupService();
        }

        @Override
        public WatchService newWatchService() throws IOException {
            return real.newWatchService();
        }
    }

    @Override
    public <T, E extends Exception> T call(ViewCallable<T, E> task) throws E {
        return task.call(this);
    }

    @Override
    public <T, E extends Exception> T call(ViewCallable<T, E> task, Duration timeout) throws E {
        return task.call(this);
    }

    @Override
    public <E extends Exception> void run(ViewTask<E> task) throws E {
        task.run(this);
    }

    @Override
    public <E extends Exception> void run(ViewTask<E> task, Duration timeout) throws E {
        task.run(this);
    }

    @Override
    public void start(ViewTask<?> task) throws IOException {
        try {
            task.run(this);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public void start(ViewTask<?> task, Duration timeout) throws IOException {
        start(task);
    }

    @Override
    public PathStat stat(String path) throws IOException {
        return PathStats.stat(fs, path);
    }

    @Override
    public void chdir(String path) throws IOException {
        Path p = fs.getPath(path);
        if (!Files.isDirectory(p)) {
            throw new java.nio.file.NotDirectoryException(path);
        }
        cwd = (path.startsWith("/") ? path : cwd + "/" + path);
    }

    @Override
    public String cwd() {
        try {
            return Path.of(host(cwd)).toRealPath().toString(); // the host's idea of it
        } catch (IOException e) {
            return cwd;
        }
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public Path path(String first, String... more) {
        return fs.getPath(first, more);
    }

    @Override
    public ViewSpec spec() {
        return spec;
    }

    @Override
    public String backend() {
        return "naive";
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {}
}
