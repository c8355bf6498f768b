package dev.fsview.cli.copy;

import dev.fsview.cli.paths.GoPaths;

import java.util.Optional;

/**
 * docker cp's rules for where an archive of the source is extracted and under which name, as a
 * pure function (docker's {@code archive.PrepareArchiveCopy}). The source is archived with a top
 * entry named {@link Source#topName()} ({@code "."} for "the contents of a directory"); the
 * destination decides where to extract it and whether the top entry takes the destination's name:
 * <ul>
 *   <li>destination is an existing directory: extract into it, names unchanged (a directory
 *       source lands inside it under its own name; {@code SRC/.} puts its contents there);
 *   <li>destination exists and is not a directory: a file source replaces it (extract into its
 *       directory, renamed to its name); a directory source is an error;
 *   <li>destination does not exist: a directory source is created under the destination's name;
 *       a file source too, unless the destination ends with {@code /} or {@code /.}, which asserts
 *       a directory that does not exist: an error.
 * </ul>
 */
final class CopyRules {
    /** docker's ErrCannotCopyDir. */
    public static final String CANNOT_COPY_DIRECTORY = "cannot copy a directory onto a file";
    /** docker's ErrDirNotExists. */
    public static final String NO_SUCH_DIRECTORY = "the destination directory must exist";

    private CopyRules() {}

    /**
     * What is being copied.
     *
     * @param isDirectory whether the source is a directory (after following what the rules follow)
     * @param topName the name of the archive's top entry: the source's base name, {@code "."}
     *     for {@code SRC/.}, or the name -L or a trailing slash kept
     */
    public record Source(boolean isDirectory, String topName) {}

    /**
     * Where it goes, after the destination's final symlinks were followed.
     *
     * @param path the destination path (keeping a trailing {@code /} or {@code /.})
     * @param exists whether it exists
     * @param isDirectory whether it is a directory
     */
    public record Destination(String path, boolean exists, boolean isDirectory) {}

    /**
     * Where to extract and how to rename.
     *
     * @param directory the directory to extract the archive into
     * @param renameTo the new name of the top entry, if it must be renamed
     */
    public record Plan(String directory, Optional<String> renameTo) {}

    /**
     * Applies docker cp's rules.
     *
     * @param source the source
     * @param destination the destination
     * @return where to extract and how to rename the top entry
     * @throws CopyRuleException if docker cp refuses this combination
     */
    public static Plan plan(Source source, Destination destination) throws CopyRuleException {
        String[] dirAndBase = GoPaths.splitDirEntry(destination.path());
        String dstDir = dirAndBase[0];
        String dstBase = dirAndBase[1];
        if (destination.exists() && destination.isDirectory()) {
            return new Plan(destination.path(), Optional.empty());
        }
        if (destination.exists() && source.isDirectory()) {
            throw new CopyRuleException(CANNOT_COPY_DIRECTORY);
        }
        if (!destination.exists()
                && !source.isDirectory()
                && GoPaths.assertsDirectory(destination.path())) {
            throw new CopyRuleException(NO_SUCH_DIRECTORY);
        }
        return new Plan(dstDir, rename(source.topName(), dstBase));
    }

    private static Optional<String> rename(String from, String to) {
        return from.equals(to) ? Optional.empty() : Optional.of(to);
    }

    /** docker cp refuses a combination of source and destination. */
    public static final class CopyRuleException extends Exception {
        private static final long serialVersionUID = 1L;

        CopyRuleException(String message) {
            super(message);
        }
    }
}
