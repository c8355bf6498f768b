package dev.fsview.testkit.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Scratch trees of the JVM's default file system that a contract made for the JDK's own answer
 * (the differential's reference directory, the fidelity contract's scratch directory). One copy
 * here, below both contracts, so that neither names the other.
 */
public final class ScratchTrees {
    private ScratchTrees() {}

    /**
     * Deletes a directory of the JVM's default file system, never following links: a link is
     * deleted, not what it points at, so a test's link to the host costs nothing of the host.
     *
     * @param top the directory
     * @throws IOException if it cannot be deleted
     */
    public static void deleteTree(Path top) throws IOException {
        Objects.requireNonNull(top, "top");
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
