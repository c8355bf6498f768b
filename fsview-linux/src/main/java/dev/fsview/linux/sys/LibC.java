package dev.fsview.linux.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * libc, mapped directly ({@link Native#register}): one JNI stub per function, no reflection per
 * call. Paths are NUL-terminated byte arrays ({@link CString}), structs are primitive arrays, so no
 * call allocates native memory that a JNA cleaner thread would have to free. Every function
 * declares {@link LastErrorException}, so errno is captured on the calling thread right after the
 * call. {@code syscall(2)} is declared once per arity used, with every argument as a {@code long}
 * or a pointer, so that variadic promotion cannot leave garbage in a register's upper half.
 */
final class LibC {
    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {}

    static native int unshare(int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int mount(byte[] source, byte[] target, byte[] fstype, long flags, byte[] data)
            throws LastErrorException;

    static native int umount2(byte[] target, int flags) throws LastErrorException;

    static native int chroot(byte[] path) throws LastErrorException;

    static native int chdir(byte[] path) throws LastErrorException;

    static native int fchdir(int fd) throws LastErrorException;

    static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long readlinkat(int dirfd, byte[] path, byte[] buf, long size)
            throws LastErrorException;

    static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

    static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buf)
            throws LastErrorException;

    static native int statx(int dirfd, byte[] path, int flags, int mask, long[] buf)
            throws LastErrorException;

    static native int statfs(byte[] path, long[] buf) throws LastErrorException;

    static native int fstatfs(int fd, long[] buf) throws LastErrorException;

    static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

    static native int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath)
            throws LastErrorException;

    static native long getcwd(byte[] buf, long size) throws LastErrorException;

    static native com.sun.jna.Pointer getpwnam(byte[] name);

    static native com.sun.jna.Pointer getgrnam(byte[] name);

    static native int getgrouplist(byte[] user, int group, int[] groups, int[] ngroups);

    /** pivot_root(new_root, put_old). */
    static native long syscall(long number, byte[] a1, byte[] a2) throws LastErrorException;

    /** open_tree(dfd, path, flags); fsopen(name, flags) with a1 unused. */
    static native long syscall(long number, long a1, byte[] a2, long a3) throws LastErrorException;

    /** openat2(dirfd, path, how, size). */
    static native long syscall(long number, long a1, byte[] a2, long[] a3, long a4)
            throws LastErrorException;

    /** mount_setattr(dfd, path, flags, attr, size). */
    static native long syscall(long number, long a1, byte[] a2, long a3, long[] a4, long a5)
            throws LastErrorException;

    /** move_mount(from_dfd, from_path, to_dfd, to_path, flags). */
    static native long syscall(long number, long a1, byte[] a2, long a3, byte[] a4, long a5)
            throws LastErrorException;

    /** fsconfig(fd, cmd, key, value, aux). */
    static native long syscall(long number, long a1, long a2, byte[] a3, byte[] a4, long a5)
            throws LastErrorException;

    /** getdents64(fd, dirp, count), into a direct buffer (no copy in or out). */
    static native long syscall(long number, long a1, java.nio.ByteBuffer a2, long a3)
            throws LastErrorException;

    /** fsopen(name, flags), fsmount(fd, flags, attrs). */
    static native long syscall(long number, byte[] a1, long a2) throws LastErrorException;

    /** fsmount(fd, flags, attr_flags). */
    static native long syscall(long number, long a1, long a2, long a3) throws LastErrorException;
}
