package dev.fsview.fake;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.mount.Location;
import dev.fsview.spi.errno.NioExceptions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a real tree from the JVM's default file system into a {@link FakeHost}, never following
 * a symlink (so nothing outside the tree is read, whatever the tree's links say). What this
 * process may not read (when not running as root) is imported empty, with a warning.
 */
final class DiskImport {
    private static final Logger LOG = LoggerFactory.getLogger(DiskImport.class);
    /** Kernel file systems whose contents are not files worth copying. */
    private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "devpts", "cgroup", "cgroup2",
            "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "mqueue",
            "hugetlbfs", "autofs", "binfmt_misc", "nsfs", "efivarfs", "selinuxfs", "rpc_pipefs");
    private static final boolean UNIX = java.nio.file.FileSystems.getDefault()
            .supportedFileAttributeViews().contains("unix");

    private final FakeHost host;
    private final Map<Object, String> linked = new HashMap<>();

    DiskImport(FakeHost host) {
        this.host = host;
    }

    void importTree(Path real, String fakePath) throws IOException {
        Path absolute = real.toAbsolutePath();
        createParents(absolute, fakePath);
        Path parent = absolute.getParent();
        copy(absolute, fakePath, parent == null ? null : meta(parent).dev);
    }

    private void createParents(Path real, String fakePath) throws IOException {
        boolean samePlace = fakePath.equals(real.toString());
        StringBuilder prefix = new StringBuilder();
        String[] parts = fakePath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            prefix.append('/').append(parts[i]);
            String p = prefix.toString();
            if (host.exists(p)) {
                continue;
            }
            Path r = Path.of(p);
            if (samePlace && Files.isDirectory(r, LinkOption.NOFOLLOW_LINKS)) {
                host.mkdir(p, 0755);
                apply(p, meta(r));
            } else {
                host.mkdirs(p);
            }
        }
    }

    private void copy(Path real, String fake, Object parentDev) throws IOException {
        Meta m = meta(real);
        if (m.isSymlink) {
            host.symlink(fake, Files.readSymbolicLink(real).toString());
            host.chown(fake, m.uid, m.gid);
            host.mtime(fake, m.mtime.toInstant());
        } else if (m.isDirectory) {
            copyDirectory(real, fake, m, parentDev);
        } else if (m.isRegular) {
            copyFile(real, fake, m);
        } else {
            host.node(fake, m.mode, m.rdev);
            apply(fake, m);
        }
    }

    private void copyDirectory(Path real, String fake, Meta m, Object parentDev) throws IOException {
        if (!host.exists(fake)) {
            host.mkdir(fake, m.mode & 07777);
        }
        boolean mountPoint = parentDev != null && !parentDev.equals(m.dev);
        boolean pseudo = false;
        FileStore store = null;
        if (mountPoint) {
            store = Files.getFileStore(real);
            pseudo = PSEUDO.contains(store.type());
            host.mountTmpfs(fake, 0, m.mode & 07777);
        }
        if (!pseudo) {
            for (Path child : readableChildren(real)) {
                copy(child, fake + (fake.equals("/") ? "" : "/") + child.getFileName(), m.dev);
            }
        }
        apply(fake, m);
        if (store != null && store.isReadOnly()) {
            readOnly(fake);
        }
    }

    private void copyFile(Path real, String fake, Meta m) throws IOException {
        if (m.nlink > 1 && m.key != null) {
            String first = linked.get(m.key);
            if (first != null) {
                host.hardLink(fake, first);
                return;
            }
            linked.put(m.key, fake);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(real);
        } catch (AccessDeniedException e) {
            LOG.warn("cannot read {} (imported empty, with its metadata): {}", real, e.toString());
            content = new byte[0];
        }
        host.file(fake, content);
        apply(fake, m);
    }

    private static List<Path> readableChildren(Path dir) throws IOException {
        try {
            return children(dir);
        } catch (AccessDeniedException e) {
            LOG.warn("cannot list {} (imported empty, with its metadata): {}", dir, e.toString());
            return List.of();
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        }
        Collections.sort(out);
        return out;
    }

    /** Owner first (chown clears setuid), then mode, then times. */
    private void apply(String fake, Meta m) throws IOException {
        host.chown(fake, m.uid, m.gid);
        host.chmod(fake, m.mode & 07777);
        host.mtime(fake, m.mtime.toInstant());
    }

    private void readOnly(String fake) throws IOException {
        try {
            host.process().locked(() -> {
                Location at = host.process().resolveLocked(fake, true);
                at.mount().setReadOnly(true);
                return null;
            });
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), fake, null);
        }
    }

    private static Meta meta(Path p) throws IOException {
        if (UNIX) {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            Meta m = new Meta((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                    (Long) a.get("rdev"), (Integer) a.get("nlink"), a.get("dev"),
                    (FileTime) a.get("lastModifiedTime"), a.get("fileKey"));
            return m;
        }
        BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        int type = b.isDirectory() ? Inode.S_IFDIR : b.isSymbolicLink() ? Inode.S_IFLNK
                : b.isRegularFile() ? Inode.S_IFREG : Inode.S_IFIFO;
        int perms = 0755;
        if (b instanceof PosixFileAttributes) {
            perms = dev.fsview.fake.nio.PosixModes.of(((PosixFileAttributes) b).permissions());
        } else {
            try {
                perms = dev.fsview.fake.nio.PosixModes.of(Files.getPosixFilePermissions(p,
                        LinkOption.NOFOLLOW_LINKS));
            } catch (UnsupportedOperationException ignored) {
                // keep 0755 where the file system has no POSIX permissions
            }
        }
        return new Meta(type | perms, 0, 0, 0L, 1, "dev", b.lastModifiedTime(), b.fileKey());
    }

    /** What is copied of a real file's metadata. */
    private static final class Meta {
        final int mode;
        final int uid;
        final int gid;
        final long rdev;
        final int nlink;
        final Object dev;
        final FileTime mtime;
        final Object key;
        final boolean isDirectory;
        final boolean isSymlink;
        final boolean isRegular;

        Meta(int mode, int uid, int gid, long rdev, int nlink, Object dev, FileTime mtime, Object key) {
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            this.rdev = rdev;
            this.nlink = nlink;
            this.dev = dev;
            this.mtime = FileTime.from(mtime.to(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
            this.key = key;
            int type = mode & Inode.S_IFMT;
            this.isDirectory = type == Inode.S_IFDIR;
            this.isSymlink = type == Inode.S_IFLNK;
            this.isRegular = type == Inode.S_IFREG;
        }
    }
}
