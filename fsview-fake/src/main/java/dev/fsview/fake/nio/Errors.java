package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.spi.errno.NioExceptions;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The fake's {@code UnixException.rethrowAsIOException}: an errno becomes the exception the JDK
 * throws on Linux, naming the paths as the caller spelled them.
 */
final class Errors {
    private Errors() {}

    static FileSystemException of(ErrnoException e, Path file) {
        return NioExceptions.of(e.errno(), file.toString(), null);
    }

    static FileSystemException of(ErrnoException e, Path file, Path other) {
        return NioExceptions.of(
                e.errno(), file.toString(), other == null ? null : other.toString());
    }

    /** What a failed read or write on an open channel throws: a plain IOException. */
    static IOException io(ErrnoException e) {
        return new IOException(e.errno().message());
    }
}
