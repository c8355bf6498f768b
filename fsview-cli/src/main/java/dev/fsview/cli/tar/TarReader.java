package dev.fsview.cli.tar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream: POSIX ustar, pax extended headers ({@code path}, {@code linkpath},
 * {@code size}, {@code uid}, {@code gid}, {@code mtime}, {@code atime}), GNU long names
 * ({@code 'L'}, {@code 'K'}), GNU access times and base-256 numbers (negative ones for times), and
 * old V7 headers — what {@code docker cp}, GNU tar and bsdtar write. Sparse files, multi-volume
 * archives and other exotic entry types are refused with a {@link TarFormatException} naming them,
 * never silently mangled.
 *
 * <p>The input is untrusted: header sizes are bounded, checksums verified, and a truncated stream
 * is an error. Names are returned as stored (minus trailing slashes); whether they are safe to
 * extract is the extractor's business.
 */
public final class TarReader {
    /**
     * Pax and GNU long-name headers larger than this are refused: a hostile size could exhaust
     * memory.
     */
    static final int MAX_META_SIZE = 1 << 20;

    private final InputStream in;
    private long position;
    private long contentRemaining;
    private long contentPadding;
    private long contentOffset;
    private boolean ended;

    /**
     * Creates a reader.
     *
     * @param in the archive; not closed by the reader
     */
    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * Advances to the next entry, skipping whatever is left of the current one's content.
     *
     * @return the entry, or {@code null} at the end of the archive
     * @throws TarFormatException if the archive is malformed, truncated or unsupported
     * @throws IOException if reading fails
     */
    public TarEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skip(contentRemaining + contentPadding);
        contentRemaining = 0;
        contentPadding = 0;
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] block = readHeaderBlock();
            if (block == null) {
                ended = true;
                return null;
            }
            TarHeaderBlock.verifyChecksum(block);
            char flag = (char) block[TarHeaderBlock.TYPEFLAG];
            long size = TarHeaderBlock.parseNumber(block, TarHeaderBlock.SIZE_FIELD, 12, "size");
            switch (flag) {
                case 'x':
                    pax.putAll(PaxRecords.parse(readMeta(size, "pax header")));
                    continue;
                case 'g':
                    PaxRecords.parse(readMeta(size, "pax global header"));
                    continue;
                case 'L':
                    longName = cString(readMeta(size, "GNU long name"));
                    continue;
                case 'K':
                    longLink = cString(readMeta(size, "GNU long link name"));
                    continue;
                default:
                    return entry(block, flag, size, pax, longName, longLink);
            }
        }
    }

    /**
     * Returns the current entry's content; reading past it returns end of stream.
     *
     * @return a stream valid until the next call to {@link #next()}
     */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (contentRemaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, contentRemaining));
                if (n < 0) {
                    throw new TarFormatException(
                            "unexpected end of tar stream inside an entry's content");
                }
                position += n;
                contentRemaining -= n;
                return n;
            }
        };
    }

    /**
     * Returns where the current entry's content starts in the stream.
     *
     * @return a byte offset from the start of the stream
     */
    public long contentOffset() {
        return contentOffset;
    }

    private TarEntry entry(
            byte[] block,
            char flag,
            long headerSize,
            Map<String, String> pax,
            String longName,
            String longLink)
            throws IOException {
        boolean posix = TarHeaderBlock.getString(block, TarHeaderBlock.MAGIC, 6).equals("ustar")
                && block[TarHeaderBlock.MAGIC + 5] == 0;
        String name = pax.containsKey("path")
                ? pax.get("path")
                : longName != null ? longName : headerName(block, posix);
        String link = pax.containsKey("linkpath")
                ? pax.get("linkpath")
                : longLink != null
                        ? longLink
                        : TarHeaderBlock.getString(
                                block, TarHeaderBlock.LINKNAME, TarHeaderBlock.NAME_LEN);
        TarType type = type(flag, name);
        long size = pax.containsKey("size") ? PaxRecords.number(pax, "size") : headerSize;
        if (pax.keySet().stream().anyMatch(k -> k.startsWith("GNU.sparse."))) {
            throw new TarFormatException("sparse files are not supported: " + name);
        }
        long dataSize = type == TarType.REGULAR ? size : 0;
        long mode = TarHeaderBlock.parseNumber(block, TarHeaderBlock.MODE, 8, "mode") & 07777;
        long uid = pax.containsKey("uid")
                ? PaxRecords.number(pax, "uid")
                : TarHeaderBlock.parseNumber(block, TarHeaderBlock.UID, 8, "uid");
        long gid = pax.containsKey("gid")
                ? PaxRecords.number(pax, "gid")
                : TarHeaderBlock.parseNumber(block, TarHeaderBlock.GID, 8, "gid");
        Instant mtime = pax.containsKey("mtime")
                ? PaxRecords.time(pax, "mtime")
                : Instant.ofEpochSecond(
                        TarHeaderBlock.parseTime(block, TarHeaderBlock.MTIME, 12, "mtime"));
        Instant atime = atime(block, pax);
        long major = 0;
        long minor = 0;
        if (type == TarType.CHAR_DEVICE || type == TarType.BLOCK_DEVICE) {
            major = TarHeaderBlock.parseNumber(block, TarHeaderBlock.DEVMAJOR, 8, "devmajor");
            minor = TarHeaderBlock.parseNumber(block, TarHeaderBlock.DEVMINOR, 8, "devminor");
        }
        if (name.indexOf('\0') >= 0 || link.indexOf('\0') >= 0) {
            // A NUL would cut the path short at the syscall boundary.
            throw new TarFormatException("tar entry name contains a NUL byte");
        }
        contentOffset = position;
        contentRemaining = dataSize;
        contentPadding = padding(dataSize);
        return new TarEntry(
                trimName(name),
                type,
                (int) mode,
                uid,
                gid,
                dataSize,
                mtime,
                link,
                major,
                minor,
                atime);
    }

    /**
     * The access time, where the archive records one, as Go's reader finds it: a pax
     * {@code atime} record, or a GNU header's own field when it is set (GNU tar fills it only in
     * incremental archives); else {@code null}.
     */
    private static Instant atime(byte[] block, Map<String, String> pax) throws TarFormatException {
        if (pax.containsKey("atime")) {
            return PaxRecords.time(pax, "atime");
        }
        if (TarHeaderBlock.isGnu(block) && block[TarHeaderBlock.GNU_ATIME] != 0) {
            return Instant.ofEpochSecond(TarHeaderBlock.parseTime(
                    block, TarHeaderBlock.GNU_ATIME, TarHeaderBlock.NUM12_LEN, "atime"));
        }
        return null;
    }

    private static String headerName(byte[] block, boolean posix) {
        String name = TarHeaderBlock.getString(block, TarHeaderBlock.NAME, TarHeaderBlock.NAME_LEN);
        if (posix) {
            String prefix = TarHeaderBlock.getString(
                    block, TarHeaderBlock.PREFIX, TarHeaderBlock.PREFIX_LEN);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static TarType type(char flag, String name) throws TarFormatException {
        switch (flag) {
            case '0':
            case '\0':
            case '7':
                // V7 archives mark directories only by the trailing slash.
                return name.endsWith("/") ? TarType.DIRECTORY : TarType.REGULAR;
            case '1':
                return TarType.HARDLINK;
            case '2':
                return TarType.SYMLINK;
            case '3':
                return TarType.CHAR_DEVICE;
            case '4':
                return TarType.BLOCK_DEVICE;
            case '5':
                return TarType.DIRECTORY;
            case '6':
                return TarType.FIFO;
            case 'S':
                throw new TarFormatException("sparse files are not supported: " + name);
            default:
                throw new TarFormatException("unsupported tar entry type '"
                        + (flag >= 0x20 && flag < 0x7f ? String.valueOf(flag) : "\\" + (int) flag)
                        + "' for " + name);
        }
    }

    private static String trimName(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return name.isEmpty() ? "." : "/";
        }
        return name.substring(0, end);
    }

    /** Reads the next header block; null at the end of the archive. */
    private byte[] readHeaderBlock() throws IOException {
        byte[] block = new byte[TarHeaderBlock.SIZE];
        int n = readFully(block);
        if (n == 0) {
            // Like Go's reader: an archive cut at a block boundary simply ends.
            return null;
        }
        if (n < block.length) {
            throw new TarFormatException("unexpected end of tar stream inside a header");
        }
        if (!TarHeaderBlock.isZero(block)) {
            return block;
        }
        byte[] second = new byte[TarHeaderBlock.SIZE];
        int m = readFully(second);
        if (m == 0 || (m == second.length && TarHeaderBlock.isZero(second))) {
            return null;
        }
        throw new TarFormatException("invalid tar stream: a zero block followed by data");
    }

    private byte[] readMeta(long size, String what) throws IOException {
        if (size > MAX_META_SIZE) {
            throw new TarFormatException(what + " too large (" + size + " bytes)");
        }
        byte[] data = new byte[(int) size];
        if (readFully(data) < data.length) {
            throw new TarFormatException("unexpected end of tar stream inside a " + what);
        }
        skip(padding(size));
        return data;
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private static long padding(long size) {
        long rest = size % TarHeaderBlock.SIZE;
        return rest == 0 ? 0 : TarHeaderBlock.SIZE - rest;
    }

    private int readFully(byte[] b) throws IOException {
        int total = 0;
        while (total < b.length) {
            int n = in.read(b, total, b.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        position += total;
        return total;
    }

    private void skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (r < 0) {
                throw new TarFormatException(
                        "unexpected end of tar stream inside an entry's content");
            }
            left -= r;
            position += r;
        }
    }
}
