package dev.fsview.cli.command;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.SafeOpen;
import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.ParameterSpec;
import dev.fsview.cli.args.ParsedArgs;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.ContainerPaths;
import dev.fsview.cli.view.ContainerSession;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code fsview cat PATH}: a container file's bytes on standard output. Symlinks are followed
 * inside the container, then only a regular file is opened, checked on the open file: a FIFO never
 * blocks, a device node never reads a device.
 */
final class CatCommand extends ContainerCommand {
    static final CommandSpec SPEC = CommandSpec.of(
            "fsview cat",
            List.of("Writes a container file to standard output (symlinks are"
                    + " followed inside the container; only regular files are read)."),
            List.of(HELP),
            List.of(new ParameterSpec("PATH", "A container path.", true)));

    private final String path;

    CatCommand(ParsedArgs args) {
        path = args.positional(0, null);
    }

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
        Path real = p.toRealPath(); // every link resolved inside the container
        Archive.FileContent content;
        try {
            content = new Archive.FileContent(SafeOpen.openRegularFile(real, null));
        } catch (FileSystemException e) {
            if (SafeOpen.isRefusal(e)) {
                // A FIFO would block forever; a device node would read a host device.
                throw new FileSystemException(path, null, "not a regular file");
            }
            throw e;
        }
        try (content) {
            console.out().flush();
            if (console.outChannel() != null) {
                content.transferTo(console.outChannel(), Long.MAX_VALUE);
            } else {
                content.transferTo(console.out());
            }
        }
    }
}
