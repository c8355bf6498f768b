package dev.fsview.linux.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Lookups from a root fd stay in the root, and none uses the fd after close. */
class ViewRootTest {
    @TempDir
    Path dir;

    private ViewRoot root() throws Exception {
        Path r = Files.createDirectories(dir.resolve("root"));
        return ViewRoot.of(
                new Fd(
                        Sys.openat(
                                -100,
                                r.toString(),
                                Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                                0),
                        "root"),
                "test");
    }

    @Test
    void absoluteSymlinksAndDotDotStayInTheRoot() throws Exception {
        Files.writeString(dir.resolve("secret"), "host");
        try (ViewRoot root = root()) {
            Path r = dir.resolve("root");
            Files.writeString(r.resolve("secret"), "container");
            Files.createSymbolicLink(r.resolve("abs"), Path.of("/secret"));
            Files.createSymbolicLink(r.resolve("up"), Path.of("../../../secret"));
            for (String p : new String[] {"/abs", "/up", "/../secret", "/../../secret"}) {
                try (Fd fd = root.lookup(p, true)) {
                    assertThat(Files.readString(ObjectPaths.of(fd))).as(p).isEqualTo("container");
                }
            }
        }
    }

    @Test
    void noFollowGivesTheSymlinkItself() throws Exception {
        try (ViewRoot root = root()) {
            Files.createSymbolicLink(dir.resolve("root/link"), Path.of("/nowhere"));
            try (Fd fd = root.lookup("/link", false)) {
                assertThat(Files.readAttributes(ObjectPaths.of(fd), BasicFileAttributes.class)
                                .isSymbolicLink())
                        .isTrue();
                assertThat(Sys.readlinkat(fd.get(), "")).isEqualTo("/nowhere");
            }
            assertThatThrownBy(() -> root.lookup("/link", true))
                    .isInstanceOfSatisfying(
                            SyscallException.class,
                            e -> assertThat(e.is(Errno.ENOENT)).isTrue());
        }
    }

    @Test
    void aLookupAfterCloseFailsWithoutUsingTheFdNumber() throws Exception {
        ViewRoot root = root();
        root.close();
        root.close();
        assertThatThrownBy(() -> root.lookup("/", true))
                .isInstanceOf(ViewClosedException.class)
                .hasMessage("test is closed");
    }
}
