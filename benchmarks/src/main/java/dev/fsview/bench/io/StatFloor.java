package dev.fsview.bench.io;

import dev.fsview.bench.fixture.HostDirs;
import dev.fsview.bench.fixture.Jvm;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The floor of a contained {@code stat} (issue 11): the syscalls a view's attribute read cannot do
 * without, made raw through JNA in a loop, next to the host's single {@code statx} by path and the
 * JDK's own {@code readAttributes}, in the same run. A view resolves every path from its root fd
 * with {@code openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)} (no resolution is ever reused: the
 * container may rename and swap links between calls), so its least cost per read is
 * {@code openat2(O_PATH)} + {@code statx(AT_EMPTY_PATH)} + {@code close}; the kernel has no
 * {@code statx} that stays inside a root by itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
public class StatFloor {
    static final String FILE = "/etc/hostname";

    /** A container root on the host, and an {@code O_PATH} fd of it. */
    @State(Scope.Benchmark)
    public static class Root {
        Path root;
        Path file;
        int rootFd;
        final long[] statx = new long[32];

        /**
         * Creates the root and opens it.
         *
         * @throws IOException if it cannot be created
         * @throws SyscallException if it cannot be opened
         */
        @Setup(Level.Trial)
        public void open() throws IOException, SyscallException {
            root = HostDirs.containerRoot();
            file = root.resolve(FILE.substring(1));
            rootFd = Sys.openat(
                    Linux.AT_FDCWD,
                    root.toString(),
                    Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                    0);
        }

        /** Closes the fd and removes the root. */
        @TearDown(Level.Trial)
        public void close() {
            Sys.close(rootFd);
            HostDirs.delete(root);
        }
    }

    /**
     * The floor: contained lookup, one {@code statx} of the fd, close.
     *
     * @param r the root
     * @return the struct, as read
     * @throws SyscallException if a call fails
     */
    @Benchmark
    public long[] openat2StatxClose(Root r) throws SyscallException {
        int fd = Sys.openat2(
                r.rootFd,
                FILE,
                Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oNofollow(),
                Linux.RESOLVE_IN_ROOT | Linux.RESOLVE_NO_MAGICLINKS);
        try {
            Sys.statx(fd, "", Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW, r.statx);
        } finally {
            Sys.close(fd);
        }
        return r.statx;
    }

    /**
     * The host's one syscall for the same answer, by absolute path, through the same JNA binding.
     *
     * @param r the root
     * @return the struct, as read
     * @throws SyscallException if it fails
     */
    @Benchmark
    public long[] hostStatx(Root r) throws SyscallException {
        Sys.statx(Linux.AT_FDCWD, r.file.toString(), Linux.AT_SYMLINK_NOFOLLOW, r.statx);
        return r.statx;
    }

    /**
     * The JDK's {@code readAttributes} on the host, the baseline of {@code NioOps.readAttributes}.
     *
     * @param r the root
     * @return the attributes
     * @throws IOException if it fails
     */
    @Benchmark
    public BasicFileAttributes hostReadAttributes(Root r) throws IOException {
        return Files.readAttributes(r.file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
}
