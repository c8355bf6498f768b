package dev.fsview.cli.archive;

import dev.fsview.cli.paths.GoPaths;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Extracts an {@link Archive} into a directory of any file system (a view's or the host's) with
 * docker's untar rules — directories merge, anything else replaces what is there, a directory never
 * replaces a non-directory nor the reverse, an entry or a link never points outside the
 * destination, the {@code .} entry leaves the destination itself alone — in two phases: every entry
 * is checked first, against the destination as it is and as the earlier entries will leave it,
 * and only if all pass is anything written. A refused copy therefore writes nothing.
 *
 * <p>Symlinks already in the destination: a final name is never written through (a link where a
 * file goes is replaced by the file). A link in the middle of an entry's name is followed only
 * when the destination is a container's ({@link #inScope}): it resolves inside the container root,
 * as docker's untar in the container does, and the write guard checks where it lands. In a host
 * destination ({@link #Extractor(Path, WriteGuard, Consumer)}) such a link is refused as "not a
 * directory": nothing a container sends is ever written through a host symlink.
 *
 * <p>Device nodes and pipes cannot be created through {@code java.nio}: they are skipped, with one
 * warning naming how many.
 *
 * <p>Entries are created in archive order by the calling thread, except regular files: those are
 * made (created, filled, given their mode and time) by a {@link FileFinisher}'s threads meanwhile,
 * and all of them are finished before the directories get their modes and times.
 */
public final class Extractor {
    private final Path directory;
    private final WriteGuard guard;
    private final Consumer<String> warnings;
    private final boolean followLinks;

    /**
     * Creates an extractor.
     *
     * @param directory the extraction point: an existing directory
     * @param guard refuses read-only places
     * @param warnings receives warning lines
     */
    public Extractor(Path directory, WriteGuard guard, Consumer<String> warnings) {
        this(directory, guard, warnings, false);
    }

    private Extractor(
            Path directory, WriteGuard guard, Consumer<String> warnings, boolean followLinks) {
        this.directory = directory;
        this.guard = guard;
        this.warnings = warnings;
        this.followLinks = followLinks;
    }

    /**
     * Creates an extractor into a directory of a view, where symlinks in the middle of an entry's
     * name are followed inside the container, as docker does.
     *
     * @param directory the extraction point, a path of the view's file system
     * @param guard checks that a directory may be written to, where the links lead
     * @param warnings receives skipped entries
     * @return the extractor
     */
    public static Extractor inScope(Path directory, WriteGuard guard, Consumer<String> warnings) {
        return new Extractor(directory, guard, warnings, true);
    }

    /** What an entry will do, decided in the checking phase. */
    private record Step(Archive.Item item, String relative, boolean replace, boolean exists) {}

    /**
     * Checks the whole archive, then extracts it.
     *
     * @param archive what to extract
     * @throws ExtractionRefusedException if any entry is refused (nothing was written)
     * @throws NoSuchFileException if the extraction point does not exist
     * @throws NotDirectoryException if it is not a directory
     * @throws IOException if writing fails part way
     */
    public void extract(Archive archive) throws IOException {
        List<Step> steps = check(archive);
        apply(steps);
    }

    private List<Step> check(Archive archive) throws IOException {
        BasicFileAttributes top = Files.readAttributes(directory, BasicFileAttributes.class);
        if (!top.isDirectory()) {
            throw new NotDirectoryException(directory.toString());
        }
        Map<String, Boolean> planned = new HashMap<>(); // relative path -> is a directory
        // Directories this extraction creates: nothing is in them yet, so their entries need no
        // look at the disk (one stat per entry less).
        Set<String> created = new HashSet<>();
        Set<String> writableChecked = new LinkedHashSet<>();
        List<Step> steps = new ArrayList<>();
        int special = 0;
        for (Archive.Item item : archive.items()) {
            TarEntry e = item.entry();
            String rel = containedName(e.name(), e.name());
            if (e.type().isSpecial()) {
                special++;
                continue;
            }
            if (rel.equals(".")) {
                if (!e.isDirectory()) {
                    throw new ExtractionRefusedException("cannot overwrite the destination "
                            + "directory with non-directory \"" + e.name() + "\"");
                }
                continue; // docker leaves the extraction point itself as it is
            }
            checkLink(e, rel, planned, created);
            Boolean existingIsDir = state(rel, planned, created);
            if (existingIsDir != null && existingIsDir && !e.isDirectory()) {
                throw new ExtractionRefusedException("cannot overwrite directory \""
                        + directory.resolve(rel) + "\" with non-directory \"" + e.name() + "\"");
            }
            if (existingIsDir != null && !existingIsDir && e.isDirectory()) {
                throw new ExtractionRefusedException("cannot overwrite non-directory \""
                        + directory.resolve(rel) + "\" with directory \"" + e.name() + "\"");
            }
            if (!Boolean.TRUE.equals(planned.get(GoPaths.dir(rel)))) {
                // A planned parent had its own ancestors checked and guarded when it was planned.
                guardOnce(checkParents(rel, planned, created), writableChecked);
            }
            if (existingIsDir != null && existingIsDir && !planned.containsKey(rel)) {
                guardOnce(rel, writableChecked); // its mode and times change
            }
            boolean existsOnDisk = existingIsDir != null && !planned.containsKey(rel);
            if (existingIsDir == null && e.isDirectory()) {
                created.add(rel);
            }
            planned.put(rel, e.isDirectory());
            steps.add(new Step(item, rel, existingIsDir != null && !e.isDirectory(), existsOnDisk));
        }
        if (special > 0) {
            warnings.accept("skipped " + special + " device node" + (special == 1 ? "" : "s")
                    + " or pipe" + (special == 1 ? "" : "s")
                    + ": fsview cannot create special files");
        }
        return steps;
    }

    /**
     * The entry's path relative to the extraction point, cleaned; refuses names that leave it.
     * A leading slash is dropped, as docker joins the name onto the destination.
     */
    private static String containedName(String name, String entryName)
            throws ExtractionRefusedException {
        String rel = GoPaths.clean(stripLeadingSlashes(name));
        // A "../" name would write outside the destination (tar path traversal).
        if (rel.equals("..") || rel.startsWith("../")) {
            throw new ExtractionRefusedException("refusing tar entry \"" + entryName
                    + "\": it points outside the destination (escape refused)");
        }
        return rel;
    }

    private static String stripLeadingSlashes(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '/') {
            i++;
        }
        return i == name.length() ? "." : name.substring(i);
    }

    private void checkLink(
            TarEntry e, String rel, Map<String, Boolean> planned, Set<String> created)
            throws IOException {
        if (e.type() == TarType.HARDLINK) {
            // A hard link to "../x" would make a host or container file outside the destination
            // reachable (and writable) from inside it.
            String target = containedName(e.linkName(), e.name());
            Boolean targetIsDir = state(target, planned, created);
            if (targetIsDir == null || targetIsDir || target.equals(".")) {
                throw new ExtractionRefusedException("hard link \"" + e.name() + "\" refers to \""
                        + e.linkName() + "\", which is not a file of the archive or the"
                        + " destination");
            }
        } else if (e.type() == TarType.SYMLINK) {
            // docker refuses a relative symlink that climbs out of the destination (a later entry
            // or a later copy would write through it).
            String joined = GoPaths.join(GoPaths.dir(rel), e.linkName());
            boolean climbs = joined.equals("..") || joined.startsWith("../");
            if (!e.linkName().startsWith("/") && climbs) {
                throw new ExtractionRefusedException("refusing symlink \"" + e.name() + "\" -> \""
                        + e.linkName() + "\": it points outside the destination (escape refused)");
            }
        }
    }

    /** True for a directory, false for anything else, null if nothing is (or will be) there. */
    private Boolean state(String rel, Map<String, Boolean> planned, Set<String> created)
            throws IOException {
        if (planned.containsKey(rel)) {
            return planned.get(rel);
        }
        if (created.contains(GoPaths.dir(rel))) {
            return null; // in a directory still to be made
        }
        try {
            return Files.readAttributes(
                            directory.resolve(rel),
                            BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS)
                    .isDirectory();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Checks the directories above an entry: each must be a directory or missing (then it is
     * created). Returns the deepest one that exists, which receives the first write.
     */
    private String checkParents(String rel, Map<String, Boolean> planned, Set<String> created)
            throws IOException {
        List<String> ancestors = new ArrayList<>();
        for (String p = GoPaths.dir(rel); !p.equals("."); p = GoPaths.dir(p)) {
            ancestors.add(0, p);
        }
        String deepestExisting = ".";
        for (String a : ancestors) {
            if (planned.containsKey(a)) {
                if (!planned.get(a)) {
                    throw notADirectory(a, rel);
                }
                continue;
            }
            Path p = directory.resolve(a);
            // In a host destination, a symlink planted where a directory goes would send the
            // container's files anywhere on the host: only real directories are entered.
            if (followLinks
                    ? Files.isDirectory(p)
                    : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                deepestExisting = a;
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw notADirectory(a, rel);
            } else {
                planned.put(a, true); // created on the way
                created.add(a);
            }
        }
        return deepestExisting;
    }

    private ExtractionRefusedException notADirectory(String ancestor, String rel) {
        return new ExtractionRefusedException("cannot extract \"" + rel + "\": \""
                + directory.resolve(ancestor) + "\" is not a directory");
    }

    private void guardOnce(String rel, Set<String> checked) throws IOException {
        if (checked.add(rel)) {
            guard.checkWritable(directory.resolve(rel));
        }
    }

    private void apply(List<Step> steps) throws IOException {
        List<Step> directories = new ArrayList<>();
        Map<String, TarEntry> hardLinks = new LinkedHashMap<>();
        try (FileFinisher files = new FileFinisher()) {
            create(steps, directories, hardLinks, files);
            files.finish();
        }
        // A hard link's header times its file, as docker's extraction does at the link (moby's
        // chtimes through the link): after every file's own times, in archive order, so the last
        // entry naming that file wins. A link to a symlink is left alone, as docker leaves it.
        for (Map.Entry<String, TarEntry> link : hardLinks.entrySet()) {
            Path target = directory.resolve(link.getKey());
            if (!Files.isSymbolicLink(target)) {
                EntryMetadata.setTime(target, link.getValue(), false);
            }
        }
        // Directory times last, deepest first: writing their entries changed them.
        for (int i = directories.size() - 1; i >= 0; i--) {
            Step s = directories.get(i);
            Path target = directory.resolve(s.relative());
            EntryMetadata.setMode(target, s.item().entry().mode());
            EntryMetadata.setTime(target, s.item().entry(), false);
        }
    }

    /**
     * Creates every entry in archive order; regular files are filled by {@code files}. Hard links
     * still naming their file at the end are kept in {@code hardLinks}, to be timed last.
     */
    private void create(
            List<Step> steps,
            List<Step> directories,
            Map<String, TarEntry> hardLinks,
            FileFinisher files)
            throws IOException {
        // Parents already seen to be directories, or made so here: one stat per directory that
        // was there before, not one per entry.
        Set<Path> knownDirectories = new HashSet<>();
        Set<String> linkTargets = linkTargets(steps);
        for (Step s : steps) {
            Path target = directory.resolve(s.relative());
            TarEntry e = s.item().entry();
            Path parent = target.getParent();
            if (parent != null && !knownDirectories.contains(parent)) {
                if (!Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                }
                knownDirectories.add(parent);
            }
            if (s.replace()) {
                if (!s.exists()) {
                    // An earlier entry made it: its file, still queued, is finished by name.
                    files.awaitIdle();
                }
                Files.deleteIfExists(target);
                hardLinks.remove(s.relative()); // the name is another file's now
            }
            switch (e.type()) {
                case DIRECTORY:
                    makeDirectory(target, s.exists());
                    knownDirectories.add(target);
                    directories.add(s);
                    break;
                case REGULAR:
                    RegularFile file = new RegularFile(target, s.item(), warnings);
                    if (linkTargets.contains(s.relative())) {
                        file.create(); // here, in order: a hard link to it may come next
                    }
                    files.submit(file);
                    break;
                case SYMLINK:
                    Files.createSymbolicLink(target, target.getFileSystem().getPath(e.linkName()));
                    EntryMetadata.setTime(target, e, true);
                    break;
                case HARDLINK:
                    Files.createLink(
                            target,
                            directory.resolve(GoPaths.clean(stripLeadingSlashes(e.linkName()))));
                    hardLinks.put(s.relative(), e);
                    break;
                default:
                    throw new IllegalStateException(
                            "special entries are filtered out: " + e.name());
            }
        }
    }

    /** The names that hard links of the archive point to, as {@link Step#relative}. */
    private static Set<String> linkTargets(List<Step> steps) {
        Set<String> targets = new HashSet<>();
        for (Step s : steps) {
            TarEntry e = s.item().entry();
            if (e.type() == TarType.HARDLINK) {
                targets.add(GoPaths.clean(stripLeadingSlashes(e.linkName())));
            }
        }
        return targets;
    }

    /** A directory: made, or merged into if one is there; anything else there fails. */
    private static void makeDirectory(Path target, boolean existed) throws IOException {
        if (!existed) {
            try {
                Files.createDirectory(target); // the check saw nothing there: one call, no stat
                return;
            } catch (FileAlreadyExistsException e) {
                // made since the check (or by an earlier entry): merged below if a directory
            }
        }
        // A symlink planted there is no directory: createDirectory fails on it, nothing is
        // followed.
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
        }
    }
}
