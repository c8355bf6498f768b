package dev.fsview.cli.command;

import dev.fsview.cli.Console;
import dev.fsview.cli.view.ContainerPaths;
import dev.fsview.cli.view.ContainerSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fsview cat PATH}: a container file's bytes on standard output. */
@Command(name = "cat", description = "Writes a container file to standard output (symlinks are"
        + " followed inside the container).")
final class CatCommand extends ContainerCommand {
    @Parameters(paramLabel = "PATH", description = "A container path.")
    String path;

    @Override
    void run(ContainerSession session, Console console) throws IOException {
        String abs = ContainerPaths.absolute(path);
        Path p = session.view().path(abs);
        if (Files.isDirectory(p)) {
            throw new FileSystemException(path, null, "Is a directory");
        }
        if (ContainerPaths.followsFinalLink(abs)) {
            // java.nio drops the trailing slash; the kernel would refuse "file/" with ENOTDIR.
            throw new java.nio.file.NotDirectoryException(path);
        }
        try (InputStream in = Files.newInputStream(p)) {
            in.transferTo(console.out());
        }
    }
}
