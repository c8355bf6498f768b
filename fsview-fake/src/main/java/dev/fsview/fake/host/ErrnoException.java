package dev.fsview.fake.host;

import dev.fsview.spi.errno.Errno;

import java.util.EnumMap;
import java.util.Map;

/**
 * A simulated system call failed with an errno: the fake kernel's equivalent of the JDK's internal
 * {@code UnixException}. The NIO layer turns it into the exception the JDK throws for the same
 * errno. Carries no stack trace: it is a return code, thrown often, and cached per errno.
 */
public final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final Map<Errno, ErrnoException> CACHE = new EnumMap<>(Errno.class);

    static {
        for (Errno e : Errno.values()) {
            CACHE.put(e, new ErrnoException(e));
        }
    }

    private final transient Errno errno;

    private ErrnoException(Errno errno) {
        super(errno.describe(), null, false, false);
        this.errno = errno;
    }

    /**
     * Returns the exception for an errno.
     *
     * @param errno the error
     * @return a shared, immutable instance
     */
    public static ErrnoException of(Errno errno) {
        return CACHE.get(errno);
    }

    /**
     * Returns the error.
     *
     * @return the errno
     */
    public Errno errno() {
        return errno;
    }
}
