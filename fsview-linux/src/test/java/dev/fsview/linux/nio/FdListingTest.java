package dev.fsview.linux.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.linux.resolve.FdAttributes;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A directory read from its fd with getdents64 lists what the JDK lists, each entry once, in
 * batches, and nothing once closed.
 */
class FdListingTest {
    private static final FdAttributes.Owners NUMBERS = new FdAttributes.Owners() {
        @Override
        public UserPrincipal user(int uid) {
            return () -> Integer.toString(uid);
        }

        @Override
        public GroupPrincipal group(int gid) {
            return () -> Integer.toString(gid);
        }
    };

    @TempDir
    Path dir;

    private FdListing listing(Path d) throws SyscallException {
        return new FdListing(new Fd(
                Sys.openat(
                        Linux.AT_FDCWD,
                        d.toString(),
                        Arch.O_RDONLY | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                        0),
                d.toString()));
    }

    private static List<String> readAll(FdListing l) throws SyscallException {
        List<String> all = new ArrayList<>();
        for (List<String> batch = l.next(); !batch.isEmpty(); batch = l.next()) {
            all.addAll(batch);
        }
        return all;
    }

    private static Set<String> jdkNames(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aDirectoryLargerThanManyBatchesIsListedWholeEachEntryOnce() throws Exception {
        String longName = "n".repeat(200);
        for (int i = 0; i < 3_000; i++) {
            Files.createFile(dir.resolve(longName + i));
        }
        List<String> names;
        int batches = 0;
        try (FdListing l = listing(dir)) {
            names = new ArrayList<>();
            for (List<String> b = l.next(); !b.isEmpty(); b = l.next()) {
                names.addAll(b);
                batches++;
            }
            assertThat(l.next()).as("after the end").isEmpty();
        }
        assertThat(batches).as("batches of " + FdListing.BATCH_BYTES + " bytes").isGreaterThan(10);
        assertThat(names)
                .doesNotHaveDuplicates()
                .doesNotContain(".", "..")
                .containsExactlyInAnyOrderElementsOf(jdkNames(dir));
    }

    @Test
    void anEmptyDirectoryHasNoEntries() throws Exception {
        try (FdListing l = listing(dir)) {
            assertThat(l.next()).isEmpty();
        }
    }

    @Test
    void namesWithOddBytesAreDecodedAsTheJdkDecodesThem() throws Exception {
        // Made by the shell: bytes that are not UTF-8, a newline, a backslash, a leading dash.
        String script = "cd \"$1\" && touch $'\\xff\\xfe' $'a\\nb' 'back\\slash' -- '-dash' "
                + "'sp ace' 'é日本' '...' $'tab\\there'";
        Process p = new ProcessBuilder("bash", "-c", script, "bash", dir.toString()).start();
        assertThat(p.waitFor()).isZero();
        try (FdListing l = listing(dir)) {
            List<String> names = readAll(l);
            assertThat(names).hasSize(8).containsExactlyInAnyOrderElementsOf(jdkNames(dir));
            assertThat(names).contains("a\nb", "back\\slash", "-dash", "sp ace", "é日本", "...");
        }
    }

    @Test
    void aDirectoryChangingDuringTheListingGivesEveryUntouchedEntryOnceAndNothingElse()
            throws Exception {
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            before.add("f" + i);
            Files.createFile(dir.resolve("f" + i));
        }
        Set<String> removed = new HashSet<>();
        Set<String> added = new HashSet<>();
        List<String> names;
        try (FdListing l = listing(dir)) {
            names = new ArrayList<>(l.next());
            // Between batches: half the entries go, as many new ones come.
            for (int i = 0; i < 2_000; i += 2) {
                Files.delete(dir.resolve("f" + i));
                removed.add("f" + i);
                Files.createFile(dir.resolve("g" + i));
                added.add("g" + i);
            }
            names.addAll(readAll(l));
        }
        Set<String> untouched = new HashSet<>(before);
        untouched.removeAll(removed);
        Set<String> possible = new HashSet<>(before);
        possible.addAll(added);
        assertThat(names).doesNotHaveDuplicates().containsAll(untouched);
        assertThat(possible).containsAll(names);
    }

    @Test
    void anEntryIsReadRelativeToTheDirectoryWithoutFollowingIt() throws Exception {
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/"));
        try (FdListing l = listing(dir)) {
            FdAttributes a = l.attributes("link", NUMBERS);
            assertThat(a.isSymbolicLink()).isTrue();
            assertThat(a.fileKey().toString())
                    .isEqualTo(Files.readAttributes(
                                    dir.resolve("link"),
                                    "unix:fileKey",
                                    java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            .get("fileKey")
                            .toString());
        }
    }

    @Test
    void aLinkIsReadRelativeToTheDirectoryWhereverTheDirectoryMoved() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.createSymbolicLink(d.resolve("link"), Path.of("../../outside"));
        Files.createFile(d.resolve("file"));
        try (FdListing l = listing(d)) {
            Files.move(d, dir.resolve("moved"));
            assertThat(l.readLink("link")).isEqualTo("../../outside");
            // Not a link: the kernel's EINVAL, for the caller to look the path up again.
            assertThatThrownBy(() -> l.readLink("file"))
                    .isInstanceOfSatisfying(
                            SyscallException.class,
                            e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL.number()));
        }
    }

    @Test
    void onceClosedNothingIsReadAndTheFdIsGone() throws Exception {
        Files.createFile(dir.resolve("a"));
        FdListing l = listing(dir);
        long open = openFds();
        l.close();
        l.close();
        assertThat(openFds()).isEqualTo(open - 1);
        assertThat(l.isClosed()).isTrue();
        assertThat(l.next()).isEmpty();
        assertThat(l.attributes("a", NUMBERS)).isNull();
        assertThat(l.readLink("a")).isNull();
    }

    private static long openFds() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
