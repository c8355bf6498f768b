package dev.fsview.cli.command;

import dev.fsview.FsView;
import dev.fsview.PathStat;
import dev.fsview.cli.archive.DevNumbers;
import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.OptionSpec;
import dev.fsview.cli.args.ParameterSpec;
import dev.fsview.cli.args.ParsedArgs;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.paths.GoPaths;
import dev.fsview.cli.view.ContainerPaths;
import dev.fsview.cli.view.ContainerSession;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code fsview ls [-l] [-a] [PATH]}: a container directory's entries, as ls shows them. */
final class LsCommand extends ContainerCommand {
    /**
     * Built on first use, not with the class: every command loads this class for its grammar, and
     * java.time's formatter machinery took about 8 ms of each start (benchmarks/README.md).
     */
    private static final class Time {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    }

    private static final String ATTRIBUTES = "unix:mode,nlink,uid,gid,size,lastModifiedTime,rdev";

    static final CommandSpec SPEC = CommandSpec.of(
            "fsview ls",
            List.of(
                    "Lists a container directory (or names a file), sorted by name"
                            + " in byte order. -l shows mode, links, numeric owner and group, size, modification time"
                            + " (UTC) and symlink targets as stored. As ls does, a symlink named on the command line is"
                            + " followed to a directory without -l, and with -l only if the path ends with '/'."),
            List.of(
                    OptionSpec.flag("Long listing.", "-l"),
                    OptionSpec.flag("Include entries starting with '.', and '.' and '..'.", "-a"),
                    HELP),
            List.of(new ParameterSpec("PATH", "A container path; default /.", false)));

    private final boolean longFormat;
    private final boolean all;
    private final String path;

    LsCommand(ParsedArgs args) {
        longFormat = args.has("-l");
        all = args.has("-a");
        path = args.positional(0, "/");
    }

    /** One line of the listing. */
    private record Entry(String name, Map<String, Object> attrs, String linkTarget) {
        int mode() {
            return (Integer) attrs.get("mode");
        }

        long number(String key) {
            Object v = attrs.get(key);
            return v instanceof Number ? ((Number) v).longValue() : 0;
        }
    }

    @Override
    void run(ContainerSession session, Console console) throws IOException {
        FsView view = session.view();
        String abs = ContainerPaths.absolute(path);
        Path p = view.path(GoPaths.clean(abs));
        Entry self = entry(p, path, false);
        boolean followLink = ContainerPaths.followsFinalLink(abs)
                || (!longFormat && isSymlinkToDirectory(self, p));
        boolean directory = followLink
                ? Files.isDirectory(p)
                : (self.mode() & PathStat.S_IFMT) == PathStat.S_IFDIR;
        if (ContainerPaths.followsFinalLink(abs) && !directory) {
            throw new java.nio.file.NotDirectoryException(path);
        }
        List<Entry> entries = directory ? list(p) : List.of(self);
        print(console, entries);
    }

    private static boolean isSymlinkToDirectory(Entry e, Path p) {
        return (e.mode() & PathStat.S_IFMT) == PathStat.S_IFLNK && Files.isDirectory(p);
    }

    private List<Entry> list(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (all) {
            Path real = dir.toRealPath();
            Path parent = real.getParent() == null ? real : real.getParent();
            entries.add(entry(real, ".", true));
            entries.add(entry(parent, "..", true));
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        List<Entry> named = new ArrayList<>();
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (all || !name.startsWith(".")) {
                named.add(entry(child, name, false));
            }
        }
        Collections.sort(named, (a, b) -> a.name().compareTo(b.name()));
        entries.addAll(named);
        return entries;
    }

    private Entry entry(Path p, String name, boolean follow) throws IOException {
        Map<String, Object> attrs = follow
                ? Files.readAttributes(p, ATTRIBUTES)
                : Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attrs.get("mode");
        String target = longFormat && (mode & PathStat.S_IFMT) == PathStat.S_IFLNK
                ? Files.readSymbolicLink(p).toString()
                : "";
        return new Entry(name, attrs, target);
    }

    private void print(Console console, List<Entry> entries) {
        if (!longFormat) {
            entries.forEach(e -> console.out().println(e.name()));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Entry e : entries) {
            PathStat st = new PathStat(
                    e.name(),
                    e.number("size"),
                    e.mode(),
                    ((FileTime) e.attrs().get("lastModifiedTime")).toInstant(),
                    "");
            String size = st.type() == PathStat.FileType.CHAR_DEVICE
                            || st.type() == PathStat.FileType.BLOCK_DEVICE
                    ? device(e.number("rdev"))
                    : Long.toString(st.size());
            rows.add(new String[] {
                st.modeString(),
                Long.toString(e.number("nlink")),
                Long.toString(e.number("uid")),
                Long.toString(e.number("gid")),
                size,
                Time.FORMAT.format(st.mtime()),
                e.name() + (e.linkTarget().isEmpty() ? "" : " -> " + e.linkTarget())
            });
        }
        Columns.print(
                console.out(), rows, new boolean[] {false, true, false, false, true, false, false});
    }

    private static String device(long rdev) {
        return DevNumbers.major(rdev) + ", " + DevNumbers.minor(rdev);
    }
}
