package dev.fsview.linux.sys;

import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.util.Arrays;

/**
 * Strings as the kernel takes them: bytes in the JDK's file name encoding
 * ({@code sun.jnu.encoding}, the one {@code java.nio} uses for paths), NUL-terminated.
 */
public final class CString {
    private static final Charset JNU = charset();

    private CString() {}

    private static Charset charset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Encodes a string for a syscall.
     *
     * @param s the string; must not contain NUL
     * @return its bytes followed by a NUL
     * @throws InvalidPathException if it contains a NUL byte, which would silently cut it short
     *     (the JDK's own exception and reason for such a path)
     */
    public static byte[] of(String s) {
        // A NUL would cut the path short at the syscall boundary: "/data\0/../etc" is not "/data".
        if (s.indexOf('\0') >= 0) {
            throw new InvalidPathException(s, "Nul character not allowed");
        }
        byte[] b = s.getBytes(JNU);
        return Arrays.copyOf(b, b.length + 1);
    }

    /**
     * Decodes {@code length} bytes a syscall wrote.
     *
     * @param buf the buffer
     * @param length how many bytes are the string
     * @return the string
     */
    public static String decode(byte[] buf, int length) {
        return new String(buf, 0, length, JNU);
    }

    /**
     * Decodes a NUL-terminated string a syscall wrote.
     *
     * @param buf the buffer
     * @return the string up to the first NUL
     */
    public static String decodeTerminated(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return decode(buf, n);
    }
}
