package dev.fsview.fake.nio;

import dev.fsview.fake.vfs.Stat;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Basic and POSIX attributes from one {@link Stat}, as the JDK's {@code UnixFileAttributes}
 * present them on Linux with JDK 17: nanosecond times, a creation time equal to the modification
 * time (JDK 17 does not read the birth time on Linux), a {@code (dev,ino)} file key. Owner and
 * group names are looked up only when asked for.
 */
final class FakeAttributes extends FakeBasicAttributes implements PosixFileAttributes {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ,
    };

    private final Stat st;
    private final Principals principals;

    FakeAttributes(Stat st, Principals principals) {
        super(st.basic());
        this.st = st;
        this.principals = principals;
    }

    Stat stat() {
        return st;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(BITS[i]);
            }
        }
        return perms;
    }

    static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (perms.contains(BITS[i])) {
                mode |= 1 << i;
            }
        }
        return mode;
    }

    @Override
    public UserPrincipal owner() {
        return principals.user(st.uid());
    }

    @Override
    public GroupPrincipal group() {
        return principals.group(st.gid());
    }

    FileTime changeTime() {
        return time(st.ctime());
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return permissions(st.mode());
    }
}
