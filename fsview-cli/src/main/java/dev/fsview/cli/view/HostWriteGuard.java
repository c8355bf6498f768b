package dev.fsview.cli.view;

import dev.fsview.cli.archive.ExtractionRefusedException;
import dev.fsview.cli.archive.WriteGuard;

import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** Refuses, before anything is written, host directories the process may not write to. */
public final class HostWriteGuard implements WriteGuard {
    @Override
    public void checkWritable(Path existingDirectory) throws IOException {
        try {
            existingDirectory
                    .getFileSystem()
                    .provider()
                    .checkAccess(existingDirectory, AccessMode.WRITE);
        } catch (FileSystemException e) {
            String reason = e.getReason() != null
                    ? e.getReason()
                    : e instanceof java.nio.file.AccessDeniedException
                            ? "Permission denied"
                            : e.getClass().getSimpleName();
            throw new ExtractionRefusedException(
                    "cannot write to " + existingDirectory + ": " + reason);
        }
    }
}
