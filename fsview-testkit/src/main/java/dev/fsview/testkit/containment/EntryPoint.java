package dev.fsview.testkit.containment;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.PathStat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The ways into a view an attack is driven through. Each records what it got in the arena's
 * {@link Evidence}; failures of the operations themselves are contained outcomes and ignored.
 */
public enum EntryPoint {
    /**
     * Mounting a volume at the probe while the view opens. If the probe already led somewhere
     * inside the root, the volume must show there once the view is open: a mount attached
     * anywhere else (outside the root, where the view cannot see it) is an escape too. (Where the
     * probe leads is taken before mounting: the destination's own links may run through the
     * mount point, and resolve differently once the volume covers it.)
     */
    MOUNT_DESTINATION {
        @Override
        void attack(Arena a) throws IOException {
            String source =
                    a.directory() ? a.scene().mountableDirectory() : a.scene().mountableFile();
            String leadsTo = realPathBeforeMounting(a);
            FsView view;
            try {
                view = a.open(
                        MountSpec.bind(source, a.absoluteProbe()).writable().build());
            } catch (IOException refused) {
                return;
            }
            try (view) {
                Probe.read(
                        view.fileSystem(), a.absoluteProbe(), a.directory(), a.evidence(), name());
                if (leadsTo != null) {
                    String volfile = leadsTo + (a.directory() ? "/volfile" : "");
                    a.evidence().mountedAt(volfile, view.fileSystem().getPath(volfile));
                }
            }
        }

        private String realPathBeforeMounting(Arena a) throws IOException {
            try (FsView before = a.open()) {
                return before.path(a.absoluteProbe()).toRealPath().toString();
            } catch (IOException | RuntimeException missingYet) {
                return null;
            }
        }
    },
    /** Mounting a volume whose source path runs through the (hostile) root. */
    VOLUME_SOURCE {
        @Override
        void attack(Arena a) throws IOException {
            FsView view;
            try {
                view = a.open(MountSpec.bind(a.scene().root() + a.absoluteProbe(), "/mnt-source")
                        .build());
            } catch (IOException refused) {
                return;
            }
            try (view) {
                Probe.read(view.fileSystem(), "/mnt-source", a.directory(), a.evidence(), name());
            }
        }
    },
    /** {@code FsView.stat}, from the caller and from inside a task. */
    STAT {
        @Override
        void attack(Arena a) throws IOException {
            try (FsView view = a.open()) {
                for (String p : paths(a)) {
                    record(a.evidence(), "stat " + p, () -> view.stat(p));
                    record(
                            a.evidence(),
                            "stat in a task " + p,
                            () -> view.call(ctx -> ctx.stat(p)));
                }
            }
        }
    },
    /** A task using the view's file system. */
    TASK {
        @Override
        void attack(Arena a) throws IOException {
            try (FsView view = a.open()) {
                view.run(ctx -> Probe.readThenWrite(
                        ctx.fileSystem(), a.probe(), a.directory(), a.evidence(), name()));
            }
        }
    },
    /** The view's file system, used from the test's own thread. */
    ANOTHER_THREAD {
        @Override
        void attack(Arena a) throws IOException {
            try (FsView view = a.open()) {
                Probe.readThenWrite(
                        view.fileSystem(), a.probe(), a.directory(), a.evidence(), name());
            }
        }
    },
    /** Changing the working directory to the probe, then working relative to it. */
    CHDIR {
        @Override
        void attack(Arena a) throws IOException {
            try (FsView view = a.open()) {
                try {
                    view.chdir(a.probe());
                    a.evidence().path("cwd after chdir", view.cwd());
                    Probe.readThenWrite(view.fileSystem(), ".", true, a.evidence(), name());
                } catch (IOException | RuntimeException refused) {
                    // contained
                }
                try {
                    view.chdir(a.scene().climb());
                    a.evidence().path("cwd after climbing", view.cwd());
                    Probe.list(view.path("."), a.evidence(), "cwd after climbing");
                    view.chdir(a.scene().outsideName());
                    Probe.read(view.fileSystem(), ".", true, a.evidence(), "chdir beside the root");
                } catch (IOException | RuntimeException refused) {
                    // contained
                }
            }
        }
    },
    /**
     * Plain {@code java.nio} with paths of the JVM's default file system, inside a task: on Linux
     * the view thread's root is the container root. Not among {@link #common()}: a backend whose
     * tasks see the container this way wires it separately. Before writing anything, the task makes
     * sure {@code /} really is the container root, so a backend that failed to switch root fails
     * the test instead of writing to the host's {@code /}.
     */
    PLAIN_IO_IN_A_TASK {
        @Override
        void attack(Arena a) throws IOException {
            String marker = a.scene().rootMarkerContent();
            try (FsView view = a.open()) {
                boolean contained = view.call(ctx -> {
                    FileSystem plain = FileSystems.getDefault();
                    if (!Probe.seesTheContainerRoot(plain, marker)) {
                        return false;
                    }
                    Probe.readThenWrite(plain, a.probe(), a.directory(), a.evidence(), name());
                    return true;
                });
                if (!contained) {
                    throw new AssertionError("inside a task, the default file system's / is not the"
                            + " container root (" + Scene.ROOT_MARKER + " missing or foreign)");
                }
            }
        }
    },
    /** {@code Path.toRealPath}, following links and not. */
    REAL_PATH {
        @Override
        void attack(Arena a) throws IOException {
            try (FsView view = a.open()) {
                for (String p : paths(a)) {
                    realPath(a.evidence(), view.path(p));
                    realPath(a.evidence(), view.path(p), LinkOption.NOFOLLOW_LINKS);
                }
                view.run(ctx -> realPath(a.evidence(), ctx.path(a.probe())));
            }
        }
    },
    /**
     * A {@code SecureDirectoryStream} of the directory holding the probe (or of the probe
     * directory itself): the entry read and its attributes set by name, with and without
     * following links, as {@code Files.walkFileTree}-style code and {@code deleteRecursively}
     * helpers do. Setting permissions without following is what JDK 22+ follows anyway.
     */
    SECURE_DIRECTORY_STREAM {
        @Override
        void attack(Arena a) throws IOException {
            try (FsView view = a.open()) {
                String dir = a.directory() ? a.probe() : parentOf(a.absoluteProbe());
                String name = a.directory() ? "secret" : nameOf(a.absoluteProbe());
                Path at = view.path(dir);
                java.nio.file.DirectoryStream<Path> listing;
                try {
                    listing = Files.newDirectoryStream(at);
                } catch (IOException | RuntimeException refused) {
                    return;
                }
                try (listing) {
                    if (listing instanceof java.nio.file.SecureDirectoryStream) {
                        byName(
                                (java.nio.file.SecureDirectoryStream<Path>) listing,
                                // relative, of the listing's own file system
                                at.getFileSystem().getPath(name),
                                a.evidence(),
                                name() + " " + dir + " " + name);
                    }
                }
            }
        }

        private void byName(
                java.nio.file.SecureDirectoryStream<Path> sds,
                Path name,
                Evidence evidence,
                String where) {
            attempt(() -> {
                try (java.nio.channels.SeekableByteChannel in =
                        sds.newByteChannel(name, java.util.Set.of())) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64 * 1024);
                    while (in.read(b) > 0 && b.hasRemaining()) {
                        // read what fits
                    }
                    evidence.read(where, java.util.Arrays.copyOf(b.array(), b.position()));
                }
            });
            for (LinkOption[] options : new LinkOption[][] {{}, {LinkOption.NOFOLLOW_LINKS}}) {
                attempt(() -> {
                    java.nio.file.attribute.BasicFileAttributes at = sds.getFileAttributeView(
                                    name,
                                    java.nio.file.attribute.BasicFileAttributeView.class,
                                    options)
                            .readAttributes();
                    evidence.attributes(where, at.size(), at.lastModifiedTime().toInstant());
                });
                attempt(() -> sds.getFileAttributeView(
                                name, java.nio.file.attribute.PosixFileAttributeView.class, options)
                        .setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString(
                                "rwxrwxrwx")));
                attempt(() -> sds.getFileAttributeView(
                                name, java.nio.file.attribute.BasicFileAttributeView.class, options)
                        .setTimes(java.nio.file.attribute.FileTime.fromMillis(0), null, null));
            }
        }
    },
    /** {@code Files.copy} and {@code Files.move}, out of, into and within the view. */
    COPY_AND_MOVE {
        @Override
        void attack(Arena a) throws IOException {
            Path scratch = Files.createTempFile("fsview-testkit-copy", ".tmp");
            try (FsView view = a.open()) {
                FileSystem fs = view.fileSystem();
                String from = a.directory() ? a.probe() + "/secret" : a.probe();
                String into = a.directory() ? a.probe() + "/arrived" : a.probe();
                attempt(() ->
                        Files.copy(fs.getPath(from), scratch, StandardCopyOption.REPLACE_EXISTING));
                a.evidence().read("copied out to the host", Files.readAllBytes(scratch));
                attempt(() -> Files.copy(fs.getPath(from), fs.getPath("/copied-out")));
                Probe.readFile(fs.getPath("/copied-out"), a.evidence(), "copied within the view");
                attempt(() -> Files.move(fs.getPath(from), fs.getPath("/moved-out")));
                Probe.readFile(fs.getPath("/moved-out"), a.evidence(), "moved within the view");
                Files.write(scratch, "inside:copied in".getBytes(StandardCharsets.UTF_8));
                attempt(() ->
                        Files.copy(scratch, fs.getPath(into), StandardCopyOption.REPLACE_EXISTING));
                attempt(() -> Files.copy(
                        fs.getPath("/decoy-file"),
                        fs.getPath(into),
                        StandardCopyOption.REPLACE_EXISTING));
                attempt(() -> Files.move(
                        fs.getPath("/decoy-move"),
                        fs.getPath(into),
                        StandardCopyOption.REPLACE_EXISTING));
                attempt(() -> Files.copy(fs.getPath(a.probe()), fs.getPath("/copied-probe")));
            } finally {
                Files.deleteIfExists(scratch);
            }
        }
    };

    /**
     * Returns the entry points every backend has (all but {@link #PLAIN_IO_IN_A_TASK}).
     *
     * @return the entry points
     */
    public static EntryPoint[] common() {
        return java.util.EnumSet.complementOf(java.util.EnumSet.of(PLAIN_IO_IN_A_TASK))
                .toArray(new EntryPoint[0]);
    }

    /**
     * Drives the arena's attack through this entry point.
     *
     * @param a the arena
     * @throws IOException if the test itself cannot go on (not for refused operations)
     */
    abstract void attack(Arena a) throws IOException;

    /**
     * Drives an attack through this entry point.
     *
     * @param arena the arena
     * @throws IOException if the test itself cannot go on
     */
    public void drive(Arena arena) throws IOException {
        attack(arena);
    }

    private static String parentOf(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash == 0 ? "/" : absolute.substring(0, slash);
    }

    private static String nameOf(String absolute) {
        return absolute.substring(absolute.lastIndexOf('/') + 1);
    }

    private static String[] paths(Arena a) {
        return a.directory()
                ? new String[] {a.probe(), a.probe() + "/secret", a.probe() + "/dir"}
                : new String[] {a.probe()};
    }

    /** A view operation that may fail. */
    @FunctionalInterface
    interface Attempt {
        void run() throws IOException;
    }

    /** A stat that may fail. */
    @FunctionalInterface
    interface StatCall {
        PathStat stat() throws IOException;
    }

    static void attempt(Attempt op) {
        try {
            op.run();
        } catch (IOException | RuntimeException refused) {
            // contained
        }
    }

    static void record(Evidence evidence, String where, StatCall call) {
        try {
            PathStat st = call.stat();
            evidence.attributes(where, st.size(), st.mtime());
            evidence.path(where + " link target", st.linkTarget());
        } catch (IOException | RuntimeException refused) {
            // contained
        }
    }

    static void realPath(Evidence evidence, Path p, LinkOption... options) {
        try {
            Path real = p.toRealPath(options);
            evidence.path("real path of " + p, real.toString());
            Probe.readFile(real, evidence, "real path " + real);
        } catch (IOException | RuntimeException refused) {
            // contained
        }
    }
}
