package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.Errno;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code user} attribute view: extended attributes of the {@code user.} namespace, with the
 * JDK's {@code LinuxUserDefinedFileAttributeView} messages ("Unable to read extended attribute
 * 'x': No data available"). Like the JDK, it first opens the file (O_NOFOLLOW without following),
 * so a symlink with NOFOLLOW_LINKS fails with ELOOP.
 */
final class UserAttributeView implements UserDefinedFileAttributeView {
    private final Vfs vfs;
    private final Path file;
    private final boolean follow;

    UserAttributeView(Vfs vfs, Path file, boolean follow) {
        this.vfs = vfs;
        this.file = file;
        this.follow = follow;
    }

    @Override
    public String name() {
        return "user";
    }

    /** The JDK's {@code openForAttributeAccess}: O_RDONLY, O_NOFOLLOW unless following. */
    private String open() throws IOException {
        String s = FakeFileSystemProvider.sys(file);
        try {
            if (!follow && vfs.stat(s, false).isSymbolicLink()) {
                throw ErrnoException.of(Errno.ELOOP);
            }
            vfs.stat(s, true);
            return s;
        } catch (ErrnoException e) {
            throw Errors.of(e, file);
        }
    }

    /** The kernel's limit on an xattr name, {@code user.} included (XATTR_NAME_MAX). */
    private static final int XATTR_NAME_MAX = 255;

    /**
     * The JDK's {@code nameAsBytes}, after the open: a name that is too long for the kernel is
     * refused before any system call, with the JDK's message.
     */
    private void checkName(String name) throws FileSystemException {
        if (name == null) {
            throw new NullPointerException("'name' is null");
        }
        String full = "user." + name;
        if (full.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > XATTR_NAME_MAX) {
            throw new FileSystemException(file.toString(), null, "'" + full + "' is too big");
        }
    }

    private FileSystemException failed(String what, ErrnoException e) {
        return new FileSystemException(
                file.toString(), null, what + ": " + e.errno().message());
    }

    @Override
    public List<String> list() throws IOException {
        String s = open();
        try {
            return vfs.listxattr(s, true);
        } catch (ErrnoException e) {
            throw failed("Unable to get list of extended attributes", e);
        }
    }

    @Override
    public int size(String name) throws IOException {
        String s = open();
        checkName(name);
        try {
            return vfs.getxattr(s, name, true).length;
        } catch (ErrnoException e) {
            throw failed("Unable to get size of extended attribute '" + name + "'", e);
        }
    }

    @Override
    public int read(String name, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
        String s = open();
        checkName(name);
        byte[] value;
        try {
            value = vfs.getxattr(s, name, true);
        } catch (ErrnoException e) {
            throw failed("Error reading extended attribute '" + name + "'", e);
        }
        if (value.length > dst.remaining()) {
            throw new FileSystemException(
                    file.toString(),
                    null,
                    "Error reading extended attribute '" + name + "': " + Errno.ERANGE.message());
        }
        dst.put(value);
        return value.length;
    }

    @Override
    public int write(String name, ByteBuffer src) throws IOException {
        String s = open();
        checkName(name);
        byte[] value = new byte[src.remaining()];
        src.duplicate().get(value);
        try {
            vfs.setxattr(s, name, value, true);
        } catch (ErrnoException e) {
            throw failed("Error writing extended attribute '" + name + "'", e);
        }
        src.position(src.limit());
        return value.length;
    }

    @Override
    public void delete(String name) throws IOException {
        String s = open();
        checkName(name);
        try {
            vfs.removexattr(s, name, true);
        } catch (ErrnoException e) {
            throw failed("Unable to delete extended attribute '" + name + "'", e);
        }
    }

    /** {@code readAttributes(path, "user:...")}: values as byte arrays. */
    Map<String, Object> read(String names) throws IOException {
        // as the JDK's: the names first ("*" is all of them; an empty one is refused), then values
        List<String> wanted = new java.util.ArrayList<>();
        for (String name : names.split(",")) {
            if (name.equals("*")) {
                wanted = list();
                break;
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException();
            }
            wanted.add(name);
        }
        Map<String, Object> out = new HashMap<>();
        for (String name : wanted) {
            out.put(name, value(name));
        }
        return out;
    }

    private byte[] value(String name) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size(name));
        read(name, buf);
        return buf.array();
    }

    /** {@code setAttribute(path, "user:name", value)}: a byte array or a buffer. */
    void set(String name, Object value) throws IOException {
        ByteBuffer buf =
                value instanceof byte[] ? ByteBuffer.wrap((byte[]) value) : (ByteBuffer) value;
        write(name, buf);
    }
}
