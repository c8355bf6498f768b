package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.fake.vfs.OpenFlags;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.HostJdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * Users and groups of a view, named as {@code getpwuid}/{@code getgrgid} would name them inside the
 * container: from the container's own {@code /etc/passwd} and {@code /etc/group}, and by number
 * when the id is not listed there (as the JDK does).
 */
final class Principals extends UserPrincipalLookupService {
    private final Vfs process;

    Principals(Vfs process) {
        this.process = process;
    }

    UserPrincipal user(int uid) {
        return new Id(uid, nameOf("/etc/passwd", uid), false);
    }

    GroupPrincipal group(int gid) {
        return new Id(gid, nameOf("/etc/group", gid), true);
    }

    @Override
    public UserPrincipal lookupPrincipalByName(String name) throws IOException {
        return new Id(idOf("/etc/passwd", name), name, false);
    }

    @Override
    public GroupPrincipal lookupPrincipalByGroupName(String group) throws IOException {
        return new Id(idOf("/etc/group", group), group, true);
    }

    static int id(Object principal) {
        return ((Id) principal).id;
    }

    static boolean isOurs(Object principal) {
        return principal instanceof Id;
    }

    static boolean isGroup(Object principal) {
        return ((Id) principal).group;
    }

    private String nameOf(String table, int id) {
        for (String line : lines(table)) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[2].equals(Integer.toString(id))) {
                return f[0];
            }
        }
        return Integer.toString(id);
    }

    private int idOf(String table, String name) throws UserPrincipalNotFoundException {
        for (String line : lines(table)) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[0].equals(name)) {
                try {
                    return Integer.parseInt(f[2]);
                } catch (NumberFormatException ignored) {
                    break;
                }
            }
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            throw new UserPrincipalNotFoundException(HostJdk.hidesUnknownUserNames() ? "" : name);
        }
    }

    private String[] lines(String table) {
        try {
            OpenFile f = process.open(table, OpenFlags.O_RDONLY, 0);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (f.read(buf.clear()) > 0) {
                    out.write(buf.array(), 0, buf.position());
                }
                return out.toString(StandardCharsets.UTF_8).split("\n");
            } finally {
                f.close();
            }
        } catch (ErrnoException e) {
            return new String[0];
        }
    }

    /** A user or group by number, with its name. */
    private static final class Id implements GroupPrincipal {
        final int id;
        final String name;
        final boolean group;

        Id(int id, String name, boolean group) {
            this.id = id;
            this.name = name;
            this.group = group;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id && ((Id) o).id == id && ((Id) o).group == group;
        }

        @Override
        public int hashCode() {
            return id * 31 + (group ? 1 : 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
