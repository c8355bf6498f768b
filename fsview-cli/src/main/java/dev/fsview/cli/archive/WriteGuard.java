package dev.fsview.cli.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides, before an extraction writes anything, whether a directory may be written to; the
 * container side refuses read-only volumes and a read-only rootfs here.
 */
@FunctionalInterface
public interface WriteGuard {
    /**
     * Refuses writing into a directory (creating, replacing or changing entries in it, or changing
     * the directory itself).
     *
     * @param existingDirectory an existing directory of the destination's file system
     * @throws ExtractionRefusedException if it must not be written to; the message says why
     * @throws IOException if it cannot be checked
     */
    void checkWritable(Path existingDirectory) throws IOException;
}
