package dev.fsview.cli.view;

import dev.fsview.cli.archive.ExtractionRefusedException;
import dev.fsview.cli.archive.WriteGuard;

import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Refuses writes into the container where docker's daemon would — a read-only volume ("mounted
 * volume is marked read-only"), a read-only rootfs ("container rootfs is marked read-only") — and
 * anywhere the kernel itself says the view may not write (a read-only submount inside a volume),
 * before anything is written.
 */
public final class ContainerWriteGuard implements WriteGuard {
    private final MountTable table;

    /**
     * Creates the guard.
     *
     * @param table the view's mount table
     */
    public ContainerWriteGuard(MountTable table) {
        this.table = table;
    }

    @Override
    public void checkWritable(Path existingDirectory) throws IOException {
        Path real = existingDirectory.toRealPath();
        MountTable.Mount mount = table.mountOf(real.toString());
        if (mount.rootReadOnly()) {
            throw new ExtractionRefusedException(
                    "cannot write to " + real + ": container rootfs is marked read-only");
        }
        if (!mount.writable()) {
            throw new ExtractionRefusedException("cannot write to " + real + ": mounted volume "
                    + mount.mountPoint() + " is marked read-only");
        }
        try {
            real.getFileSystem().provider().checkAccess(real, AccessMode.WRITE);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            if (reason.equalsIgnoreCase("Read-only file system")) {
                reason = "the file system is read-only";
            }
            throw new ExtractionRefusedException("cannot write to " + real + ": " + reason);
        }
    }
}
