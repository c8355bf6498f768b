package dev.fsview.spi.errno;

import java.util.HashMap;
import java.util.Map;

/**
 * The Linux error numbers fsview deals in, with their numbers (the same on x86_64 and aarch64) and
 * glibc's {@code strerror} text, which is the reason string the JDK puts in its exceptions.
 */
public enum Errno {
    /** Operation not permitted. */
    EPERM(1, "Operation not permitted"),
    /** No such file or directory. */
    ENOENT(2, "No such file or directory"),
    /** No such process. */
    ESRCH(3, "No such process"),
    /** Interrupted system call. */
    EINTR(4, "Interrupted system call"),
    /** Input/output error. */
    EIO(5, "Input/output error"),
    /** No such device or address. */
    ENXIO(6, "No such device or address"),
    /** Bad file descriptor. */
    EBADF(9, "Bad file descriptor"),
    /** Resource temporarily unavailable. */
    EAGAIN(11, "Resource temporarily unavailable"),
    /** Cannot allocate memory. */
    ENOMEM(12, "Cannot allocate memory"),
    /** Permission denied. */
    EACCES(13, "Permission denied"),
    /** Bad address. */
    EFAULT(14, "Bad address"),
    /** Device or resource busy. */
    EBUSY(16, "Device or resource busy"),
    /** File exists. */
    EEXIST(17, "File exists"),
    /** Invalid cross-device link. */
    EXDEV(18, "Invalid cross-device link"),
    /** No such device. */
    ENODEV(19, "No such device"),
    /** Not a directory. */
    ENOTDIR(20, "Not a directory"),
    /** Is a directory. */
    EISDIR(21, "Is a directory"),
    /** Invalid argument. */
    EINVAL(22, "Invalid argument"),
    /** Too many open files in system. */
    ENFILE(23, "Too many open files in system"),
    /** Too many open files. */
    EMFILE(24, "Too many open files"),
    /** Text file busy. */
    ETXTBSY(26, "Text file busy"),
    /** File too large. */
    EFBIG(27, "File too large"),
    /** No space left on device. */
    ENOSPC(28, "No space left on device"),
    /** Illegal seek. */
    ESPIPE(29, "Illegal seek"),
    /** Read-only file system. */
    EROFS(30, "Read-only file system"),
    /** Too many links. */
    EMLINK(31, "Too many links"),
    /** Broken pipe. */
    EPIPE(32, "Broken pipe"),
    /** Numerical result out of range. */
    ERANGE(34, "Numerical result out of range"),
    /** File name too long. */
    ENAMETOOLONG(36, "File name too long"),
    /** Function not implemented. */
    ENOSYS(38, "Function not implemented"),
    /** Directory not empty. */
    ENOTEMPTY(39, "Directory not empty"),
    /** Too many levels of symbolic links. */
    ELOOP(40, "Too many levels of symbolic links"),
    /** No data available. */
    ENODATA(61, "No data available"),
    /** Value too large for defined data type. */
    EOVERFLOW(75, "Value too large for defined data type"),
    /** Operation not supported. */
    EOPNOTSUPP(95, "Operation not supported"),
    /** Stale file handle. */
    ESTALE(116, "Stale file handle"),
    /** Disk quota exceeded. */
    EDQUOT(122, "Disk quota exceeded");

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.put(e.number, e);
        }
    }

    private final int number;
    private final String message;

    Errno(int number, String message) {
        this.number = number;
        this.message = message;
    }

    /**
     * Returns the error number.
     *
     * @return e.g. {@code 2} for {@link #ENOENT}
     */
    public int number() {
        return number;
    }

    /**
     * Returns the text {@code strerror} gives, which is what the JDK reports as the reason.
     *
     * @return e.g. {@code "No such file or directory"}
     */
    public String message() {
        return message;
    }

    /**
     * Returns the name with its text, e.g. {@code "ENOENT (No such file or directory)"}.
     *
     * @return a description for error messages
     */
    public String describe() {
        return name() + " (" + message + ")";
    }

    /**
     * Describes any error number, known here or not.
     *
     * @param number an errno
     * @return e.g. {@code "EROFS (Read-only file system)"}, or {@code "errno 200"}
     */
    public static String describe(int number) {
        Errno e = BY_NUMBER.get(number);
        return e == null ? "errno " + number : e.describe();
    }

    /**
     * Looks up an error number.
     *
     * @param number an errno
     * @return the constant, or {@code null} if it is not one of these
     */
    public static Errno of(int number) {
        return BY_NUMBER.get(number);
    }
}
