package dev.fsview.cli.console;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/** Turns the exceptions file operations throw into the one line a user reads, strerror-style. */
public final class ErrorMessages {
    /** The JDK's exception types for an errno, and the strerror text of that errno. */
    private static final Map<Class<? extends FileSystemException>, String> REASONS = Map.of(
            NoSuchFileException.class, "No such file or directory",
            NotDirectoryException.class, "Not a directory",
            AccessDeniedException.class, "Permission denied",
            FileAlreadyExistsException.class, "File exists",
            DirectoryNotEmptyException.class, "Directory not empty",
            NotLinkException.class, "Not a symbolic link");

    private ErrorMessages() {}

    /**
     * Describes an I/O failure as {@code PATH: reason}.
     *
     * @param e the failure
     * @param prefix prepended to the path (e.g. {@code ":"} for container paths), may be empty
     * @return one line
     */
    public static String describe(IOException e, String prefix) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String file = f.getFile() == null ? "" : prefix + f.getFile() + ": ";
            return file + reason(f);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String reason(FileSystemException f) {
        for (Map.Entry<Class<? extends FileSystemException>, String> r : REASONS.entrySet()) {
            if (r.getKey().isInstance(f)) {
                return r.getValue();
            }
        }
        if (f.getReason() != null) {
            return f.getReason().equalsIgnoreCase("Read-only file system")
                    ? "read-only file system"
                    : f.getReason();
        }
        return f.getClass().getSimpleName();
    }
}
