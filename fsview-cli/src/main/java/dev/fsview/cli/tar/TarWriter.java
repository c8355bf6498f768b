package dev.fsview.cli.tar;

import static dev.fsview.cli.tar.TarHeaderBlock.MAX_OCTAL12;
import static dev.fsview.cli.tar.TarHeaderBlock.MAX_OCTAL8;
import static dev.fsview.cli.tar.TarHeaderBlock.NAME_LEN;
import static dev.fsview.cli.tar.TarHeaderBlock.PREFIX_LEN;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a tar stream the way {@code docker cp} does (Go's {@code archive/tar} asked for the PAX
 * format): a plain ustar header whenever the entry fits one — the name split between the prefix
 * and name fields if need be — and a pax extended header ({@code 'x'}) carrying only the fields
 * that do not fit: long or non-ASCII paths and link targets, sizes of 8 GiB and more, large ids,
 * times out of the octal range. Modification times are whole seconds, as Docker truncates them.
 * Directories are named with a trailing {@code /}. {@link #finish()} writes the two zero blocks
 * that end the archive.
 */
public final class TarWriter {
    private static final byte[] ZERO_BLOCK = new byte[TarHeaderBlock.SIZE];
    /** No pax records: shared and never written to ({@link #put} makes a map for the first). */
    private static final Map<String, String> NO_PAX = Map.of();

    /** Content at least this large goes by {@code sendfile}; smaller files are batched. */
    static final long DIRECT_THRESHOLD = 128 * 1024;

    private final OutputStream out;
    private final WritableByteChannel direct;
    private final byte[] buffer = new byte[64 * 1024];
    /** The header block, filled anew for each entry: one block, not one per entry. */
    private final byte[] header = new byte[TarHeaderBlock.SIZE];

    /**
     * Creates a writer.
     *
     * @param out where the archive goes; not closed by the writer
     */
    public TarWriter(OutputStream out) {
        this(out, null);
    }

    /**
     * Creates a writer that lets the kernel send large {@link Transferable} content straight to
     * the channel under {@code out}.
     *
     * @param out where the archive goes, buffered; {@code out.flush()} must write everything to
     *     {@code direct}; not closed by the writer
     * @param direct the channel {@code out} writes to, or {@code null}
     */
    public TarWriter(OutputStream out, WritableByteChannel direct) {
        this.out = out;
        this.direct = direct;
    }

    /**
     * Writes one entry and, for a regular file, exactly {@link TarEntry#size()} bytes of content.
     *
     * @param entry the entry
     * @param content the file's content, or {@code null} for entries without content
     * @throws IOException if writing fails, or the content ends before {@code size} bytes (the
     *     file shrank while it was archived)
     */
    public void write(TarEntry entry, InputStream content) throws IOException {
        String name = entry.isDirectory() ? entry.name() + "/" : entry.name();
        Map<String, String> pax = NO_PAX;
        String[] split = fitName(name);
        if (split == null) {
            pax = put(pax, "path", name);
            split = new String[] {"", name};
        }
        String link = entry.linkName();
        if (link.length() > NAME_LEN || !isAscii(link)) {
            pax = put(pax, "linkpath", link);
        }
        long mtime = entry.mtime().getEpochSecond();
        pax = needsPax(pax, "size", entry.size(), MAX_OCTAL12);
        pax = needsPax(pax, "uid", entry.uid(), MAX_OCTAL8);
        pax = needsPax(pax, "gid", entry.gid(), MAX_OCTAL8);
        pax = needsPax(pax, "mtime", mtime, MAX_OCTAL12);
        if (entry.devMajor() > MAX_OCTAL8 || entry.devMinor() > MAX_OCTAL8) {
            throw new TarFormatException("device number too large for a tar header: " + name);
        }
        if (!pax.isEmpty()) {
            writePaxHeader(name, pax);
        }
        byte[] block = header;
        Arrays.fill(block, (byte) 0);
        TarHeaderBlock.putAscii(block, TarHeaderBlock.NAME, NAME_LEN, split[1]);
        TarHeaderBlock.putAscii(block, TarHeaderBlock.PREFIX, PREFIX_LEN, split[0]);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.MODE, 8, entry.mode() & 07777);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.UID, 8, fitOrZero(entry.uid(), MAX_OCTAL8));
        TarHeaderBlock.putOctal(block, TarHeaderBlock.GID, 8, fitOrZero(entry.gid(), MAX_OCTAL8));
        TarHeaderBlock.putOctal(
                block, TarHeaderBlock.SIZE_FIELD, 12, fitOrZero(entry.size(), MAX_OCTAL12));
        TarHeaderBlock.putOctal(block, TarHeaderBlock.MTIME, 12, fitOrZero(mtime, MAX_OCTAL12));
        block[TarHeaderBlock.TYPEFLAG] = (byte) entry.type().flag();
        TarHeaderBlock.putAscii(block, TarHeaderBlock.LINKNAME, NAME_LEN, link);
        writeMagicAndDevices(block, entry.devMajor(), entry.devMinor());
        TarHeaderBlock.putChecksum(block);
        out.write(block);
        if (entry.type() == TarType.REGULAR) {
            copyContent(entry, content);
        }
    }

    /**
     * Ends the archive with two zero blocks and flushes.
     *
     * @throws IOException if writing fails
     */
    public void finish() throws IOException {
        out.write(ZERO_BLOCK);
        out.write(ZERO_BLOCK);
        out.flush();
    }

    /** Returns {prefix, name}, or {@code null} when neither field layout holds the name. */
    private static String[] fitName(String name) {
        if (!isAscii(name)) {
            return null;
        }
        return name.length() <= NAME_LEN ? new String[] {"", name} : splitUstar(name);
    }

    /** The pax records with one more: most entries need none, and get no map. */
    private static Map<String, String> put(Map<String, String> pax, String key, String value) {
        Map<String, String> records = pax == NO_PAX ? new TreeMap<>() : pax;
        records.put(key, value);
        return records;
    }

    /** Go's splitUSTARPath: the prefix gets everything before a slash, the name the rest. */
    static String[] splitUstar(String name) {
        int length = name.length();
        if (length <= NAME_LEN) {
            return null;
        } else if (length > PREFIX_LEN + 1) {
            length = PREFIX_LEN + 1;
        } else if (name.charAt(length - 1) == '/') {
            length--;
        }
        int i = name.lastIndexOf('/', length - 1);
        int suffixLength = name.length() - i - 1;
        if (i <= 0 || suffixLength > NAME_LEN || suffixLength == 0 || i > PREFIX_LEN) {
            return null;
        }
        return new String[] {name.substring(0, i), name.substring(i + 1)};
    }

    private static Map<String, String> needsPax(
            Map<String, String> pax, String key, long value, long max) {
        return value < 0 || value > max ? put(pax, key, Long.toString(value)) : pax;
    }

    private static long fitOrZero(long value, long max) {
        return value < 0 || value > max ? 0 : value;
    }

    private void writePaxHeader(String name, Map<String, String> records) throws IOException {
        StringBuilder data = new StringBuilder();
        for (Map.Entry<String, String> r : records.entrySet()) {
            data.append(paxRecord(r.getKey(), r.getValue()));
        }
        byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        int slash = trimmed.lastIndexOf('/');
        String headerName = (slash < 0 ? "" : trimmed.substring(0, slash + 1)) + "PaxHeaders.0/"
                + trimmed.substring(slash + 1);
        byte[] block = new byte[TarHeaderBlock.SIZE];
        TarHeaderBlock.putAscii(block, TarHeaderBlock.NAME, NAME_LEN, headerName);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.MODE, 8, 0);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.UID, 8, 0);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.GID, 8, 0);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.SIZE_FIELD, 12, bytes.length);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.MTIME, 12, 0);
        block[TarHeaderBlock.TYPEFLAG] = 'x';
        writeMagicAndDevices(block, 0, 0);
        TarHeaderBlock.putChecksum(block);
        out.write(block);
        out.write(bytes);
        pad(bytes.length);
    }

    /** One pax record, "LEN key=value\n", where LEN counts the whole record including itself. */
    static String paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int total = body + Integer.toString(body).length();
        if (Integer.toString(total).length() > Integer.toString(body).length()) {
            total++;
        }
        return total + " " + key + "=" + value + "\n";
    }

    private static void writeMagicAndDevices(byte[] block, long major, long minor) {
        TarHeaderBlock.putString(block, TarHeaderBlock.MAGIC, 6, "ustar");
        TarHeaderBlock.putString(block, TarHeaderBlock.VERSION, 2, "00");
        TarHeaderBlock.putOctal(block, TarHeaderBlock.DEVMAJOR, 8, major);
        TarHeaderBlock.putOctal(block, TarHeaderBlock.DEVMINOR, 8, minor);
    }

    private void copyContent(TarEntry entry, InputStream content) throws IOException {
        long remaining = entry.size();
        if (direct != null && remaining >= DIRECT_THRESHOLD && content instanceof Transferable) {
            out.flush(); // the header first
            remaining -= ((Transferable) content).transferTo(direct, remaining);
        }
        if (out instanceof ChannelOutput && content instanceof Transferable) {
            remaining -= ((ChannelOutput) out).copyFrom((Transferable) content, remaining);
        }
        while (remaining > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("file changed size while it was archived (" + remaining
                        + " bytes missing): " + entry.name());
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        pad(entry.size());
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % TarHeaderBlock.SIZE);
        if (rest != 0) {
            out.write(ZERO_BLOCK, 0, TarHeaderBlock.SIZE - rest);
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
