package dev.fsview.linux.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Both resolvers on the same hostile tree, with the kernel's answer (openat2 RESOLVE_IN_ROOT) as
 * the reference for the user-space walk. Needs no privilege: resolution is relative to a root fd.
 */
class TargetResolverTest {
    @TempDir
    Path tmp;

    private Path root;
    private Fd rootFd;

    @BeforeEach
    void tree() throws Exception {
        assumeTrue(
                Arch.isSupported() && System.getProperty("os.name").startsWith("Linux"),
                "skipped: resolution tests need Linux on x86_64 or aarch64");
        root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("file"), "f");
        Files.createDirectories(tmp.resolve("host-side/x"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/a"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../.."));
        Files.createSymbolicLink(root.resolve("a/b/rel"), Path.of("../../a"));
        Files.createSymbolicLink(root.resolve("host"), tmp.resolve("host-side"));
        Files.createSymbolicLink(root.resolve("dotdot-host"), Path.of("../host-side"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nowhere"));
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("/loop1"));
        Files.createSymbolicLink(root.resolve("chain"), Path.of("abs/b/rel/b"));
        rootFd = new Fd(
                Sys.openat(
                        Linux.AT_FDCWD,
                        root.toString(),
                        Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                        0),
                "root");
    }

    @AfterEach
    void closeRoot() {
        if (rootFd != null) {
            rootFd.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a/b", "/a/b"),
                Arguments.of("abs/b", "/a/b"),
                Arguments.of("up/a", "/a"),
                Arguments.of("a/../../../../a/b", "/a/b"),
                Arguments.of("a/b/rel/b", "/a/b"),
                Arguments.of("chain", "/a/b"),
                Arguments.of("up", ""),
                Arguments.of("file", "/file"));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("host/x", Errno.ENOENT), // absolute host path: not in the root
                Arguments.of("dotdot-host/x", Errno.ENOENT), // "..": clamped at the root
                Arguments.of("dangling", Errno.ENOENT),
                Arguments.of("loop1/x", Errno.ELOOP),
                Arguments.of("file/x", Errno.ENOTDIR),
                Arguments.of("missing/x", Errno.ENOENT));
    }

    static Stream<TargetResolver> resolvers() {
        return Stream.of(new Openat2Resolver(), new WalkResolver());
    }

    static Stream<Arguments> casesByResolver() {
        return resolvers()
                .flatMap(r -> cases().map(c -> Arguments.of(r.name(), c.get()[0], c.get()[1])));
    }

    static Stream<Arguments> failuresByResolver() {
        return resolvers()
                .flatMap(r -> failures().map(c -> Arguments.of(r.name(), c.get()[0], c.get()[1])));
    }

    private static TargetResolver resolver(String name) {
        return name.equals("walk") ? new WalkResolver() : new Openat2Resolver();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("casesByResolver")
    void resolvesInsideTheRoot(String resolver, String path, String expected) throws Exception {
        try (Fd fd = new Fd(resolver(resolver).open(rootFd.get(), path), path)) {
            String real = Sys.readlinkat(Linux.AT_FDCWD, fd.procPath());
            assertThat(real).isEqualTo(root + expected);
        }
    }

    @ParameterizedTest(name = "{0}: {1} fails with {2}")
    @MethodSource("failuresByResolver")
    void refusesWhatDoesNotResolveInsideTheRoot(String resolver, String path, Errno errno) {
        assertThatThrownBy(() -> resolver(resolver).open(rootFd.get(), path))
                .isInstanceOfSatisfying(
                        SyscallException.class,
                        e -> assertThat(Errno.of(e.errno())).isEqualTo(errno));
    }
}
