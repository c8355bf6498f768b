import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's floor for {@code fsview cp :/ -}: the least a Java program does to write a tar stream
 * of a host tree to stdout, as {@code tar -C DIR -cf - .} writes it. One walk in directory order,
 * one {@code lstat} per entry, hard links stored once, files of 128 KiB or more sent with
 * {@code sendfile} (FileChannel.transferTo), smaller ones copied through one buffer, long names as
 * GNU long-name entries. No view, no checks, no library: what is left is the JVM's start and its
 * warm-up, the part of {@code fsview cp}'s time that no change to fsview can remove.
 *
 * <p>Usage: {@code java JavaTar DIR > archive.tar}
 */
public final class JavaTar {
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,nlink,ino,dev,rdev";
    private static final long DIRECT = 128 * 1024;

    private final FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    private final Map<List<Object>, String> links = new HashMap<>();

    private JavaTar() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java JavaTar DIR > archive.tar");
            System.exit(2);
        }
        new JavaTar().archive(Path.of(args[0]));
    }

    private void archive(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
                    throws IOException {
                entry(root, dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                entry(root, file);
                return FileVisitResult.CONTINUE;
            }
        });
        buf.put(new byte[1024]); // two zero blocks end the archive
        flush();
    }

    private void entry(Path root, Path p) throws IOException {
        String rel = root.relativize(p).toString();
        String name = rel.isEmpty() ? "./" : "./" + rel;
        Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long size = 0;
        String link = "";
        char type;
        switch (mode & 0170000) {
            case 0040000 -> {
                type = '5';
                name = name.endsWith("/") ? name : name + "/";
            }
            case 0120000 -> {
                type = '2';
                link = Files.readSymbolicLink(p).toString();
            }
            case 0020000 -> type = '3';
            case 0060000 -> type = '4';
            case 0010000 -> type = '6';
            case 0140000 -> {
                return; // sockets are not archived
            }
            default -> {
                String first = (Integer) a.get("nlink") > 1
                        ? links.putIfAbsent(List.of(a.get("dev"), a.get("ino")), name)
                        : null;
                if (first != null) {
                    type = '1';
                    link = first;
                } else {
                    type = '0';
                    size = (Long) a.get("size");
                }
            }
        }
        if (link.length() > 100) {
            longName('K', link);
        }
        if (name.length() > 100) {
            longName('L', name);
        }
        long rdev = (Long) a.get("rdev");
        header(name, mode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"), size,
                ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000, type, link,
                (rdev >>> 8) & 0xfff | (rdev >>> 32) & ~0xfff, rdev & 0xff | (rdev >>> 12) & ~0xff);
        if (type == '0') {
            content(p, size);
        }
    }

    private void longName(char type, String name) throws IOException {
        byte[] bytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        header("././@LongLink", 0644, 0, 0, bytes.length, 0, type, "", 0, 0);
        put(bytes);
        pad(bytes.length);
    }

    private void header(String name, int mode, long uid, long gid, long size, long mtime,
            char type, String link, long major, long minor) throws IOException {
        byte[] h = new byte[512];
        text(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        text(h, 157, 100, link);
        text(h, 257, 8, "ustar  "); // the GNU magic, as GNU tar writes it
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        put(h);
    }

    private static void text(byte[] h, int at, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }

    private static void octal(byte[] h, int at, int len, long v) {
        String s = Long.toOctalString(v);
        while (s.length() < len - 1) {
            s = "0" + s;
        }
        text(h, at, len - 1, s);
    }

    private void content(Path p, long size) throws IOException {
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
            long done = 0;
            if (size >= DIRECT) {
                flush();
                while (done < size) {
                    long n = in.transferTo(done, size - done, out);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                }
            } else {
                while (done < size) {
                    if (!buf.hasRemaining()) {
                        flush();
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                }
            }
            if (done != size) {
                throw new IOException(p + " changed size while it was archived");
            }
        }
        pad(size);
    }

    private void pad(long size) throws IOException {
        put(new byte[(int) ((512 - size % 512) % 512)]);
    }

    private void put(byte[] b) throws IOException {
        if (buf.remaining() < b.length) {
            flush();
        }
        buf.put(b);
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }
}
