package dev.fsview.linux.mount;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

/**
 * Resolution by the kernel: {@code openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)} (Linux 5.6+).
 * The kernel answers EAGAIN when a rename or mount raced the lookup and it could not prove the
 * result stays inside the root; that is retried a bounded number of times.
 */
public final class Openat2Resolver implements TargetResolver {
    /** How many EAGAIN answers are retried before giving up. */
    static final int MAX_EAGAIN_RETRIES = 128;

    /** The system call, replaceable in tests that need the kernel to answer EAGAIN. */
    @FunctionalInterface
    interface Call {
        int openat2(int dirfd, String path, long flags, long resolve) throws SyscallException;
    }

    private final Call call;

    /** Creates the resolver over the real openat2. */
    public Openat2Resolver() {
        this(Sys::openat2);
    }

    Openat2Resolver(Call call) {
        this.call = call;
    }

    @Override
    public int open(int rootFd, String relative) throws SyscallException {
        for (int attempt = 0; ; attempt++) {
            try {
                // RESOLVE_IN_ROOT: absolute symlinks and ".." chains planted in the container stay
                // inside it. RESOLVE_NO_MAGICLINKS: a planted /proc-style magic link cannot jump to
                // a host file.
                return call.openat2(
                        rootFd,
                        relative,
                        Arch.O_PATH | Arch.O_CLOEXEC,
                        Linux.RESOLVE_IN_ROOT | Linux.RESOLVE_NO_MAGICLINKS);
            } catch (SyscallException e) {
                if (!e.is(Errno.EAGAIN) || attempt >= MAX_EAGAIN_RETRIES) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String name() {
        return "openat2";
    }
}
