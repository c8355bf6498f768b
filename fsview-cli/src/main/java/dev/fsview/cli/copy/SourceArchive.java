package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;

/**
 * A resolved copy source: its archive and what docker cp's rules need to know about it.
 *
 * @param archive the entries, top entry named {@code info.topName()}
 * @param info whether it is a directory, and its top name
 */
record SourceArchive(Archive archive, CopyRules.Source info) {}
