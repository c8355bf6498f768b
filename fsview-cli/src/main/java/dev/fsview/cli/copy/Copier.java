package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.ExtractionRefusedException;
import dev.fsview.cli.archive.Extractor;
import dev.fsview.cli.archive.TreeArchiver;
import dev.fsview.cli.archive.WriteGuard;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.ErrorMessages;
import dev.fsview.cli.console.Failure;
import dev.fsview.cli.tar.TarFormatException;
import dev.fsview.cli.view.ContainerSession;
import dev.fsview.cli.view.ContainerWriteGuard;
import dev.fsview.cli.view.HostWriteGuard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One {@code fsview cp}: resolves both sides with docker cp's rules, builds the source's archive,
 * checks the whole extraction, then copies. The container side is only ever touched through the
 * view; the host side is the user's own file system.
 */
public final class Copier {
    private final ContainerSession session;
    private final ContainerSide container;
    private final LocalSide host;
    private final Console console;
    private final boolean followLink;
    private final boolean quiet;

    /**
     * Creates the copier.
     *
     * @param session the open container
     * @param cwd the directory relative host paths are relative to
     * @param console the streams
     * @param followLink {@code -L}
     * @param quiet {@code -q}
     */
    public Copier(
            ContainerSession session,
            Path cwd,
            Console console,
            boolean followLink,
            boolean quiet) {
        this.session = session;
        this.container = new ContainerSide(session.view());
        this.host = new LocalSide(cwd);
        this.console = console;
        this.followLink = followLink;
        this.quiet = quiet;
    }

    /**
     * Copies; exactly one operand is a container path.
     *
     * @param src the source
     * @param dst the destination
     * @throws Failure if the copy is refused or fails; nothing was written if it was refused
     * @throws IOException if writing fails part way
     */
    public void copy(CpOperand src, CpOperand dst) throws Failure, IOException {
        if (src.kind() == CpOperand.Kind.CONTAINER) {
            fromContainer(src, dst);
        } else {
            toContainer(src, dst);
        }
    }

    private void fromContainer(CpOperand src, CpOperand dst) throws Failure, IOException {
        if (dst.kind() == CpOperand.Kind.STREAM) {
            // Nothing to check against a destination: the walk runs ahead of the writing, on its
            // own thread, instead of before it.
            TreeArchiver.Walk walk =
                    side(":", () -> container.walk(src.path(), followLink, console::warn));
            try (Progress progress = progress("Copying from container")) {
                TarOutput tar = new TarOutput(console.out(), console.outChannel(), console::warn);
                side(":", () -> {
                    WalkAhead.drain(walk::run, item -> tar.write(item.counting(progress::add)));
                    return null;
                });
                tar.finish();
            }
            return;
        }
        SourceArchive source =
                side(":", () -> container.source(src.path(), followLink, console::warn));
        CopyRules.Destination to = side("", () -> host.destination(dst.path()));
        CopyRules.Plan plan = plan(source.info(), to, dst);
        extract(rename(source, plan), Path.of(plan.directory()), new HostWriteGuard(), dst);
    }

    private void toContainer(CpOperand src, CpOperand dst) throws Failure, IOException {
        CopyRules.Destination to = side(":", () -> container.destination(dst.path()));
        if (src.kind() == CpOperand.Kind.STREAM) {
            if (!to.exists() || !to.isDirectory()) {
                throw new Failure("destination " + dst.display() + " must be a directory");
            }
            Path point = side(":", () -> container.extractionPoint(to.path()));
            try (SpooledTar tar = side("", () -> SpooledTar.read(console.in()))) {
                extract(tar.archive(), point, guard(), dst);
            }
        } else {
            SourceArchive source =
                    side("", () -> host.source(src.path(), followLink, console::warn));
            CopyRules.Plan plan = plan(source.info(), to, dst);
            Path point = side(":", () -> container.extractionPoint(plan.directory()));
            extract(rename(source, plan), point, guard(), dst);
        }
        if (session.isDryRun()) {
            console.note("dry run: the fake backend copied into its in-memory image of the"
                    + " container; nothing on disk changed");
        }
    }

    private WriteGuard guard() {
        return new ContainerWriteGuard(session.table());
    }

    private static CopyRules.Plan plan(
            CopyRules.Source source, CopyRules.Destination to, CpOperand dst) throws Failure {
        try {
            return CopyRules.plan(source, to);
        } catch (CopyRules.CopyRuleException e) {
            throw new Failure(e.getMessage() + ": " + dst.display());
        }
    }

    private static Archive rename(SourceArchive source, CopyRules.Plan plan) {
        return plan.renameTo()
                .map(name -> source.archive().rename(source.info().topName(), name))
                .orElse(source.archive());
    }

    private void extract(Archive archive, Path point, WriteGuard guard, CpOperand dst)
            throws Failure, IOException {
        String prefix = dst.kind() == CpOperand.Kind.CONTAINER ? ":" : "";
        try (Progress progress =
                progress(prefix.isEmpty() ? "Copying from container" : "Copying to container")) {
            side(prefix, () -> {
                Extractor extractor = dst.kind() == CpOperand.Kind.CONTAINER
                        ? Extractor.inScope(point, guard, console::warn)
                        : new Extractor(point, guard, console::warn);
                extractor.extract(archive.counting(progress::add));
                return null;
            });
            progress.finish(dst.display());
        }
    }

    static void writeTar(
            Archive archive,
            OutputStream out,
            WritableByteChannel direct,
            Consumer<String> warnings)
            throws IOException {
        TarOutput tar = new TarOutput(out, direct, warnings);
        for (Archive.Item item : archive.items()) {
            tar.write(item);
        }
        tar.finish();
    }

    private Progress progress(String verb) {
        return Progress.start(console.err(), console.errIsTerminal(), quiet, verb);
    }

    /** One step on one side; failures become one line naming the side's paths. */
    private interface Step<T> {
        T run() throws IOException;
    }

    private static <T> T side(String prefix, Step<T> step) throws Failure, IOException {
        try {
            return step.run();
        } catch (ExtractionRefusedException | TarFormatException e) {
            throw new Failure(e.getMessage(), e);
        } catch (java.nio.file.FileSystemException e) {
            throw new Failure(ErrorMessages.describe(e, prefix), e);
        }
    }
}
