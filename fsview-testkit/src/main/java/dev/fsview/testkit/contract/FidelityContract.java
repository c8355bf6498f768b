package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.host.PrivateMountNamespace;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue 17's 25 rows, each pinned to the behaviour chosen for both backends. The reference is
 * what the kernel and the JDK do on a plain directory: wherever it can be, the expected answer is
 * computed here and now by doing the same thing with the JDK on a temporary directory of this host
 * (with real mounts in the JVM's {@link PrivateMountNamespace}), not written from memory.
 *
 * <p><b>Pending rows.</b> Rows whose fix is still on another branch are listed in
 * {@code -Dfsview.kit.pendingRows} (comma-separated row numbers; default: {@link #DEFAULT_PENDING}
 * for the backend under test). A pending row still runs: if it fails, the test passes and prints
 * {@code PENDING row N on <backend>: <why>}; if it passes, it prints that the row can leave the
 * list. {@code -Dfsview.kit.pendingRows=} (empty) enforces every row.
 */
public abstract class FidelityContract extends ViewContract {
    /** The system property listing the rows whose fix is pending. */
    public static final String PENDING_PROPERTY = "fsview.kit.pendingRows";

    /**
     * The rows each backend fails at the kit's last commit (measured on JDK 17.0.15, Linux 6.x),
     * and why: none. Both backends pass every row.
     */
    public static final Map<String, String> DEFAULT_PENDING = Map.of(
            "fake", "",
            "linux", "");

    private static final Map<Integer, String> FIXED_BY = fixedBy();

    private static Map<Integer, String> fixedBy() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int r = 1; r <= 25; r++) {
            m.put(r, "branch diff");
        }
        for (int r = 14; r <= 19; r++) {
            m.put(r, "linux: branch lfs");
        }
        m.put(
                11,
                "linux: branch lfs (an odd attribute string on a missing path: the view "
                        + "looks the path up first, NoSuchFileException)");
        m.put(20, "the owner-names issue");
        m.put(25, "linux: branch lfs");
        return m;
    }

    /** The rows pending for the backend under test. */
    private Set<Integer> pending() {
        return pendingRows(backend().name());
    }

    /**
     * Returns the rows of issue 17 pending on a backend.
     *
     * @param backend the backend's name
     * @return {@code -Dfsview.kit.pendingRows}, else the backend's {@link #DEFAULT_PENDING}
     */
    public static Set<Integer> pendingRows(String backend) {
        String list =
                System.getProperty(PENDING_PROPERTY, DEFAULT_PENDING.getOrDefault(backend, ""));
        Set<Integer> rows = new TreeSet<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                try {
                    rows.add(Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "-D" + PENDING_PROPERTY + " must list row "
                                    + "numbers separated by commas, was '" + list + "'",
                            e);
                }
            }
        }
        return rows;
    }

    /** The body of one row's test. */
    @FunctionalInterface
    protected interface Row {
        /**
         * Runs the row's checks.
         *
         * @throws Exception what fails
         */
        void check() throws Exception;
    }

    /**
     * Runs one row: enforced, or (if pending) reported either way.
     *
     * @param n the row number of issue 17
     * @param body its checks
     * @throws Exception what an enforced row's checks threw
     */
    protected final void row(int n, Row body) throws Exception {
        boolean isPending = pending().contains(n);
        try {
            body.check();
        } catch (Exception | AssertionError e) {
            if (!isPending) {
                throw e;
            }
            System.err.println("PENDING row " + n + " on " + backend().name() + " (fixed by "
                    + FIXED_BY.get(n) + "), still fails: " + e.toString().replace('\n', ' '));
            return;
        }
        if (isPending) {
            System.err.println("row " + n + " on " + backend().name() + " is listed pending but "
                    + "passes: drop it from -D" + PENDING_PROPERTY);
        }
    }

    /** A scratch directory of the JVM's default file system, for the JDK's own answer. */
    private static Path scratch() throws IOException {
        return Files.createTempDirectory("fsview-testkit-fidelity-").toRealPath();
    }

    private static void deleteQuietly(Path dir) throws IOException {
        dev.fsview.testkit.support.ScratchTrees.deleteTree(dir);
    }

    /** The class and reason of what a JDK or view call threw, in comparable form. */
    private static String failure(Throwable t) {
        if (t == null) {
            return "no exception";
        }
        return t.getClass().getName()
                + (t instanceof FileSystemException
                        ? ": " + ((FileSystemException) t).getReason()
                        : "");
    }

    private FsView openRoot() throws IOException {
        return open(dir("root"));
    }

    private boolean classicMountApi() throws IOException {
        ViewSpec.Builder b = backend().configure(ViewSpec.builder("/fsview-testkit-probe"));
        return b.build().option("linux.mount-api", "auto").equals("classic");
    }

    @Test
    @DisplayName("1: a new directory has the size the JDK reports for one on this host")
    void row01DirectorySize() throws Exception {
        row(1, () -> {
            Path jdk = scratch();
            long expected;
            try {
                expected = Files.size(Files.createDirectory(jdk.resolve("d")));
            } finally {
                deleteQuietly(jdk);
            }
            try (FsView view = openRoot()) {
                Files.createDirectory(view.path("/d"));
                assertThat(Files.size(view.path("/d"))).isEqualTo(expected);
            }
        });
    }

    @Test
    @DisplayName("2: creationTime is what the running JDK reports (birth time or mtime)")
    void row02CreationTime() throws Exception {
        row(2, () -> {
            FileTime old = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
            Path jdk = scratch();
            boolean birthIsMtime;
            try {
                Path f = Files.writeString(jdk.resolve("f"), "x");
                Files.setLastModifiedTime(f, old);
                birthIsMtime = Files.readAttributes(f, "creationTime")
                        .get("creationTime")
                        .equals(old);
            } finally {
                deleteQuietly(jdk);
            }
            try (FsView view = openRoot()) {
                Path f = Files.writeString(view.path("/f"), "x");
                Files.setLastModifiedTime(f, old);
                Object created = Files.getAttribute(f, "creationTime");
                if (birthIsMtime) {
                    assertThat(created).isEqualTo(old);
                } else {
                    assertThat(created).isNotEqualTo(old);
                }
            }
        });
    }

    @Test
    @DisplayName("3: mount failures name the kernel's step and errno")
    void row03MountFailureSteps() throws Exception {
        row(3, () -> {
            String root = dir("root");
            file(root + "/t", "a file");
            String vol = dir("vol");
            boolean classic = classicMountApi();
            assertMountFails(
                    spec(root).mount(MountSpec.bind(vol, "/t").build()),
                    classic ? SetupStep.BIND : SetupStep.MOVE_MOUNT,
                    classic ? 20 : 22);
            assertMountFails(
                    spec(root).mount(MountSpec.tmpfs("/t").build()),
                    classic ? SetupStep.TMPFS : SetupStep.MOVE_MOUNT,
                    classic ? 20 : 22);
            assertMountFails(
                    spec(root).mount(MountSpec.bind(vol, "/t/under").build()),
                    SetupStep.RESOLVE_TARGET,
                    20);
        });
    }

    private void assertMountFails(ViewSpec.Builder spec, SetupStep step, int errno) {
        Throwable t = catchThrowable(() -> open(spec).close());
        assertThat(t).isInstanceOf(MountStepException.class);
        MountStepException m = (MountStepException) t;
        assertThat(m.step() + " " + m.errno()).as(m.getMessage()).isEqualTo(step + " " + errno);
        assertThat(m.syscall()).isNotEmpty();
    }

    @Test
    @DisplayName("4: a failed open leaves the root as it was, created targets included")
    void row04FailedOpenLeavesRootUntouched() throws Exception {
        row(4, () -> {
            String root = dir("root");
            String vol = dir("vol");
            Throwable t = catchThrowable(() -> open(spec(root)
                            .mount(MountSpec.bind(vol, "/new/a").build())
                            .mount(MountSpec.bind(vol + "/missing", "/new2/b/c").build()))
                    .close());
            assertThat(t).isInstanceOf(IOException.class);
            assertThat(host.list(root)).isEmpty();
        });
    }

    @Test
    @DisplayName("5: chdir(\"\") is ENOENT, as the kernel's")
    void row05ChdirEmpty() throws Exception {
        row(5, () -> {
            try (FsView view = openRoot()) {
                assertThat(catchThrowable(() -> view.chdir("")))
                        .isInstanceOf(NoSuchFileException.class);
                assertThat(view.cwd()).isEqualTo("/");
            }
        });
    }

    /** A path of more than 4096 bytes that would resolve to {@code d/f}. */
    private static String overLong() {
        return "d/" + "./".repeat(2100) + "f";
    }

    @Test
    @DisplayName("6: toRealPath of a path over 4096 bytes fails as the JDK's")
    void row06RealPathOverLong() throws Exception {
        row(6, () -> {
            Path jdk = scratch();
            String expected;
            try {
                Files.createDirectory(jdk.resolve("d"));
                Files.writeString(jdk.resolve("d/f"), "x");
                expected = failure(catchThrowable(() -> jdk.resolve(overLong()).toRealPath()))
                        + " / "
                        + failure(catchThrowable(
                                () -> jdk.resolve(overLong() + "x").toRealPath()));
            } finally {
                deleteQuietly(jdk);
            }
            try (FsView view = openRoot()) {
                Files.createDirectory(view.path("/d"));
                Files.writeString(view.path("/d/f"), "x");
                assertThat(failure(catchThrowable(
                                        () -> view.path("/" + overLong()).toRealPath()))
                                + " / "
                                + failure(catchThrowable(
                                        () -> view.path("/" + overLong() + "x").toRealPath())))
                        .isEqualTo(expected);
            }
        });
    }

    @Test
    @DisplayName("7: NOFOLLOW create on another user's link in a sticky world-writable dir: JDK's")
    void row07StickyOthersSymlink() throws Exception {
        row(7, () -> {
            Path jdk = scratch();
            String expected;
            try {
                Path sticky = Files.createDirectory(jdk.resolve("tmp"));
                Files.setAttribute(sticky, "unix:mode", 01777);
                Path link = Files.createSymbolicLink(sticky.resolve("s"), Path.of("target"));
                Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(link, "unix:gid", 1000, LinkOption.NOFOLLOW_LINKS);
                expected = failure(catchThrowable(() -> Files.newByteChannel(
                                link,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS)
                        .close()));
            } finally {
                deleteQuietly(jdk);
            }
            String root = dir("root");
            host.mkdirs(root + "/tmp");
            host.chmod(root + "/tmp", 01777);
            host.symlink(root + "/tmp/s", "target");
            host.lchown(root + "/tmp/s", 1000, 1000);
            try (FsView view = open(root)) {
                assertThat(failure(catchThrowable(() -> Files.newByteChannel(
                                        view.path("/tmp/s"),
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE,
                                        LinkOption.NOFOLLOW_LINKS)
                                .close())))
                        .isEqualTo(expected);
            }
        });
    }

    @Test
    @DisplayName("8: a file bind of a hard-linked file shows its link count")
    void row08FileBindOfHardLink() throws Exception {
        row(8, () -> {
            String root = dir("root");
            file(root + "/f", "target");
            String vol = dir("vol");
            file(vol + "/h", "linked");
            host.hardLink(vol + "/h2", vol + "/h");
            try (FsView view = open(root, MountSpec.bind(vol + "/h", "/f").build())) {
                assertThat(Files.getAttribute(view.path("/f"), "unix:nlink")).isEqualTo(2);
                assertThat(Files.readString(view.path("/f"))).isEqualTo("linked");
            }
        });
    }

    @Test
    @DisplayName("9: truncate-on-open of an empty file updates its mtime")
    void row09TruncateOnOpenOfEmptyFile() throws Exception {
        row(9, () -> {
            String root = dir("root");
            file(root + "/e", "");
            Instant old = Instant.parse("2001-02-03T04:05:06Z");
            host.setTimes(root + "/e", old, old);
            try (FsView view = open(root)) {
                Files.write(view.path("/e"), new byte[0]);
                assertThat(Files.getLastModifiedTime(view.path("/e")).toInstant())
                        .isAfter(old);
            }
        });
    }

    @Test
    @DisplayName("10: a symlink copied without COPY_ATTRIBUTES belongs to its creator")
    void row10CopiedSymlinkOwner() throws Exception {
        row(10, () -> {
            Path jdk = scratch();
            Object expected;
            try {
                Path link = Files.createSymbolicLink(jdk.resolve("l"), Path.of("x"));
                Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
                Files.copy(link, jdk.resolve("c"), LinkOption.NOFOLLOW_LINKS);
                expected =
                        Files.getAttribute(jdk.resolve("c"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            } finally {
                deleteQuietly(jdk);
            }
            String root = dir("root");
            host.symlink(root + "/l", "x");
            host.lchown(root + "/l", 1000, 1000);
            try (FsView view = open(root)) {
                Files.copy(view.path("/l"), view.path("/c"), LinkOption.NOFOLLOW_LINKS);
                assertThat(Files.getAttribute(
                                view.path("/c"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
                        .isEqualTo(expected);
                Files.copy(
                        view.path("/l"),
                        view.path("/k"),
                        LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
                assertThat(Files.getAttribute(
                                view.path("/k"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
                        .isEqualTo(1000);
            }
        });
    }

    @Test
    @DisplayName("11: odd attribute strings fail as the JDK's")
    void row11OddAttributeStrings() throws Exception {
        row(11, () -> {
            Path jdk = scratch();
            Map<String, String> expected = new LinkedHashMap<>();
            String[] odd = {":size", "basic:", "size,", "nosuch:size", "unix:nosuch", ""};
            try {
                Path f = Files.writeString(jdk.resolve("f"), "x");
                for (String a : odd) {
                    expected.put(a, failure(catchThrowable(() -> Files.readAttributes(f, a))));
                    // the attribute string is checked before the file is looked up
                    expected.put(
                            "missing " + a,
                            failure(catchThrowable(
                                    () -> Files.readAttributes(jdk.resolve("missing"), a))));
                }
            } finally {
                deleteQuietly(jdk);
            }
            try (FsView view = openRoot()) {
                Path f = Files.writeString(view.path("/f"), "x");
                Map<String, String> actual = new LinkedHashMap<>();
                for (String a : odd) {
                    actual.put(a, failure(catchThrowable(() -> Files.readAttributes(f, a))));
                    actual.put(
                            "missing " + a,
                            failure(catchThrowable(
                                    () -> Files.readAttributes(view.path("/missing"), a))));
                }
                assertThat(actual).isEqualTo(expected);
            }
        });
    }

    @Test
    @DisplayName("12: user xattrs: empty and over-long names, read-only mounts, as the JDK's")
    void row12UserXattrs() throws Exception {
        row(12, () -> {
            String[] names = {"", "n".repeat(256), "ok"};
            Path jdk = scratch();
            Map<String, String> expected = new LinkedHashMap<>();
            PrivateMountNamespace ns = PrivateMountNamespace.get();
            try {
                Path f = Files.writeString(jdk.resolve("f"), "x");
                for (String n : names) {
                    expected.put(n, writeXattr(f, n).replace(jdk.toString(), ""));
                }
                Path ro = Files.createDirectory(jdk.resolve("ro"));
                Files.writeString(ro.resolve("g"), "x");
                ns.bind(ro.toString(), ro.toString(), true, true);
                try {
                    expected.put(
                            "read-only",
                            ns.call(() ->
                                    writeXattr(ro.resolve("g"), "ok").replace(jdk.toString(), "")));
                } finally {
                    ns.unmountUnder(jdk.toString());
                }
            } finally {
                deleteQuietly(jdk);
            }
            String root = dir("root");
            file(root + "/f", "x");
            String vol = dir("vol");
            file(vol + "/g", "x");
            try (FsView view = open(root, MountSpec.bind(vol, "/ro").build())) {
                Map<String, String> actual = new LinkedHashMap<>();
                for (String n : names) {
                    actual.put(n, writeXattr(view.path("/f"), n));
                }
                actual.put("read-only", writeXattr(view.path("/ro/g"), "ok"));
                assertThat(actual).isEqualTo(expected);
            }
        });
    }

    private static String writeXattr(Path f, String name) {
        UserDefinedFileAttributeView v =
                Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        Throwable t = catchThrowable(
                () -> v.write(name, ByteBuffer.wrap("v".getBytes(StandardCharsets.UTF_8))));
        return t == null ? "ok" : t.getClass().getName() + ": " + t.getMessage();
    }

    @Test
    @DisplayName("13: a root subdirectory bound elsewhere carries the mount made on it first")
    void row13RbindCarriesEarlierMount() throws Exception {
        row(13, () -> {
            String root = dir("root");
            host.mkdirs(root + "/sub/m");
            host.mkdirs(root + "/x/y/else");
            String vol = dir("vol");
            file(vol + "/v", "volume");
            try (FsView view = open(
                    root,
                    MountSpec.bind(vol, "/sub/m").build(),
                    MountSpec.bind(root + "/sub", "/x/y/else").build())) {
                assertThat(Files.readString(view.path("/x/y/else/m/v"))).isEqualTo("volume");
                Throwable t =
                        catchThrowable(() -> Files.writeString(view.path("/x/y/else/m/w"), "x"));
                assertThat(t).isInstanceOf(FileSystemException.class);
                assertThat(((FileSystemException) t).getReason())
                        .isEqualTo("Read-only file system");
            }
        });
    }

    @Test
    @DisplayName("14: CREATE_NEW on the empty path is FileAlreadyExistsException, as the JDK's")
    void row14CreateNewEmptyPath() throws Exception {
        row(14, () -> {
            // The JDK's answer on Linux: open(".", O_CREAT | O_EXCL) is EEXIST. (JDK 17 itself
            // throws ArrayIndexOutOfBoundsException on the empty path, a JDK bug: not copied.)
            String expected = FileAlreadyExistsException.class.getName() + ": null";
            try (FsView view = openRoot()) {
                assertThat(failure(catchThrowable(() -> Files.write(
                                view.path(""), new byte[1], StandardOpenOption.CREATE_NEW))))
                        .isEqualTo(expected);
            }
        });
    }

    @Test
    @DisplayName("15: getFileStore of relative paths")
    void row15FileStoreOfRelativePath() throws Exception {
        row(15, () -> {
            try (FsView view = openRoot()) {
                Files.createDirectory(view.path("/d"));
                FileStore top = Files.getFileStore(view.path("/"));
                assertThat(Files.getFileStore(view.path("."))).isEqualTo(top);
                assertThat(Files.getFileStore(view.path("d"))).isEqualTo(top);
            }
        });
    }

    @Test
    @DisplayName("16: getFileStore of a path over 4096 bytes fails as the JDK's")
    void row16FileStoreOverLong() throws Exception {
        row(16, () -> {
            Path jdk = scratch();
            String expected;
            try {
                Files.createDirectory(jdk.resolve("d"));
                Files.writeString(jdk.resolve("d/f"), "x");
                expected =
                        failure(catchThrowable(() -> Files.getFileStore(jdk.resolve(overLong()))));
            } finally {
                deleteQuietly(jdk);
            }
            try (FsView view = openRoot()) {
                Files.createDirectory(view.path("/d"));
                Files.writeString(view.path("/d/f"), "x");
                assertThat(failure(catchThrowable(
                                () -> Files.getFileStore(view.path("/" + overLong())))))
                        .isEqualTo(expected);
            }
        });
    }

    @Test
    @DisplayName(
            "17: FileStores are the JDK's: device name, \"<mount point> (<device>)\", equal per mount")
    void row17FileStoreIdentity() throws Exception {
        row(17, () -> {
            String root = dir("root");
            host.mkdirs(root + "/a");
            host.mkdirs(root + "/b");
            String vol = dir("vol");
            file(vol + "/v", "v");
            try (FsView view = open(
                    root,
                    MountSpec.tmpfs("/t").build(),
                    MountSpec.bind(vol, "/b/m").build())) {
                FileStore a = Files.getFileStore(view.path("/a"));
                FileStore b = Files.getFileStore(view.path("/b"));
                FileStore t = Files.getFileStore(view.path("/t"));
                FileStore m = Files.getFileStore(view.path("/b/m/v"));
                assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(t);
                // a bind is a mount of its own, even of a directory of the root's device
                assertThat(m).isNotEqualTo(b).isEqualTo(Files.getFileStore(view.path("/b/m")));
                assertThat(a.toString()).isEqualTo("/ (" + a.name() + ")");
                assertThat(t.toString()).isEqualTo("/t (" + t.name() + ")");
                assertThat(m.toString()).isEqualTo("/b/m (" + m.name() + ")");
                assertThat(t.type()).isEqualTo("tmpfs");
                // a bind is named by its device, never by its source's host path
                assertThat(m.name()).doesNotContain(vol);
                if (host instanceof dev.fsview.testkit.host.TempDirHost) {
                    FileStore jdk = Files.getFileStore(Path.of(root));
                    assertThat(a.name()).isEqualTo(jdk.name());
                    assertThat(a.type()).isEqualTo(jdk.type());
                    FileStore jdkVol = Files.getFileStore(Path.of(vol));
                    assertThat(m.name()).isEqualTo(jdkVol.name());
                }
            }
        });
    }

    @Test
    @DisplayName("18: toRealPath of a missing relative path names it as given")
    void row18RealPathNamesPathAsGiven() throws Exception {
        row(18, () -> {
            try (FsView view = openRoot()) {
                Throwable t = catchThrowable(() -> view.path("missing/x").toRealPath());
                assertThat(t).isInstanceOf(NoSuchFileException.class);
                assertThat(((NoSuchFileException) t).getFile()).isEqualTo("missing/x");
            }
        });
    }

    @Test
    @DisplayName("19: directory streams are SecureDirectoryStreams, as the JDK's on Linux")
    void row19SecureDirectoryStream() throws Exception {
        row(19, () -> {
            boolean jdkSecure;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("/"))) {
                jdkSecure = s instanceof SecureDirectoryStream;
            }
            try (FsView view = openRoot();
                    DirectoryStream<Path> s = Files.newDirectoryStream(view.path("/"))) {
                assertThat(s instanceof SecureDirectoryStream).isEqualTo(jdkSecure);
            }
        });
    }

    @Test
    @DisplayName("a secure directory stream deletes \".\" and \"..\" as the JDK's does")
    void aSecureDirectoryStreamDeletesDotNamesAsTheJdks() throws Exception {
        // rmdir of a last component ".." is ENOTEMPTY and of "." EINVAL; a view that looks a
        // ".." entry up as its directory's "." must not turn the first into the second
        Path plain = Files.createTempDirectory("fsview-testkit-sds");
        Map<String, String> jdk;
        try {
            Files.createDirectories(plain.resolve("d/e"));
            Files.writeString(plain.resolve("d/e/f"), "f");
            jdk = dotDeletes(plain.resolve("d"));
        } finally {
            Files.delete(plain.resolve("d/e/f"));
            Files.delete(plain.resolve("d/e"));
            Files.delete(plain.resolve("d"));
            Files.delete(plain);
        }
        String root = dir("root");
        file(root + "/d/e/f", "f");
        try (FsView view = open(root)) {
            assertThat(dotDeletes(view.path("/d"))).isEqualTo(jdk);
            assertThat(Files.isDirectory(view.path("/d/e"))).isTrue();
        }
    }

    /** Each delete of a dot name through a secure stream of {@code dir}, and how it failed. */
    private static Map<String, String> dotDeletes(Path dir) throws IOException {
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir)) {
            if (!(d instanceof SecureDirectoryStream)) {
                outcomes.put("stream", "not secure");
                return outcomes;
            }
            SecureDirectoryStream<Path> s = (SecureDirectoryStream<Path>) d;
            for (String name : new String[] {".", "..", "e/..", "e/."}) {
                outcomes.put(
                        "deleteDirectory " + name,
                        outcome(() -> s.deleteDirectory(dir.getFileSystem().getPath(name))));
                outcomes.put(
                        "deleteFile " + name,
                        outcome(() -> s.deleteFile(dir.getFileSystem().getPath(name))));
            }
        }
        return outcomes;
    }

    private static String outcome(Row op) {
        Throwable t = catchThrowable(op::check);
        if (t == null) {
            return "ok";
        }
        String reason =
                t instanceof FileSystemException ? ((FileSystemException) t).getReason() : null;
        return t.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
    }

    @Test
    @DisplayName("20: owner names come from the container's /etc/passwd and /etc/group")
    void row20OwnerNamesFromTheContainer() throws Exception {
        row(20, () -> {
            String root = dir("root");
            file(root + "/etc/passwd", "wizard:x:0:0::/:/bin/sh\n");
            file(root + "/etc/group", "wheelers:x:0:\n");
            file(root + "/f", "x");
            try (FsView view = open(root)) {
                assertThat(Files.getOwner(view.path("/f")).getName()).isEqualTo("wizard");
                assertThat(Files.getAttribute(view.path("/f"), "posix:group").toString())
                        .isEqualTo("wheelers");
            }
        });
    }

    @Test
    @DisplayName("21: a destination that resolves to / through a link is refused, root untouched")
    void row21DestinationResolvingToRoot() throws Exception {
        row(21, () -> {
            String root = dir("root");
            host.symlink(root + "/tmp", "/");
            file(root + "/kept", "x");
            Throwable t = catchThrowable(
                    () -> open(root, MountSpec.tmpfs("/tmp").build()).close());
            assertThat(t).isInstanceOf(IOException.class);
            assertThat(t.getMessage()).contains("/tmp");
            assertThat(host.list(root)).containsExactlyInAnyOrder("tmp", "kept");
            String vol = dir("vol");
            t = catchThrowable(
                    () -> open(root, MountSpec.bind(vol, "/tmp").build()).close());
            assertThat(t).isInstanceOf(IOException.class);
        });
    }

    @Test
    @DisplayName("22: the cwd deleted: toRealPath(\".\") is ENOENT, as getcwd")
    void row22CwdDeleted() throws Exception {
        row(22, () -> {
            try (FsView view = openRoot()) {
                Files.createDirectory(view.path("/d"));
                view.chdir("/d");
                Files.delete(view.path("/d"));
                assertThat(catchThrowable(() -> view.path(".").toRealPath()))
                        .isInstanceOf(NoSuchFileException.class);
            }
        });
    }

    @Test
    @DisplayName("23: an ancestor of the cwd renamed: the cwd is the new path, as getcwd")
    void row23CwdAncestorRenamed() throws Exception {
        row(23, () -> {
            try (FsView view = openRoot()) {
                Files.createDirectories(view.path("/a/b"));
                Files.writeString(view.path("/a/b/f"), "here");
                view.chdir("/a/b");
                Files.move(view.path("/a"), view.path("/z"));
                assertThat(view.cwd()).isEqualTo("/z/b");
                assertThat(view.path(".").toRealPath().toString()).isEqualTo("/z/b");
                assertThat(Files.readString(view.path("f"))).isEqualTo("here");
            }
        });
    }

    @Test
    @DisplayName("24: one URI scheme, fsview")
    void row24UriScheme() throws Exception {
        row(24, () -> {
            try (FsView view = openRoot()) {
                assertThat(view.path("/").toUri().getScheme()).isEqualTo("fsview");
                assertThat(view.fileSystem().provider().getScheme()).isEqualTo("fsview");
            }
        });
    }

    @Test
    @DisplayName("25: lookupPrincipalByName finds the owner a file reports")
    void row25LookupPrincipalByName() throws Exception {
        row(25, () -> {
            try (FsView view = openRoot()) {
                Path f = Files.writeString(view.path("/f"), "x");
                UserPrincipal owner = Files.getOwner(f);
                UserPrincipal found = view.fileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName(owner.getName());
                assertThat(found.getName()).isEqualTo(owner.getName());
                Files.setOwner(f, found);
                assertThat(Files.getOwner(f).getName()).isEqualTo(owner.getName());
            }
        });
    }
}
