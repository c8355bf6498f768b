package dev.fsview.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.cli.copy.CopyRules.Destination;
import dev.fsview.cli.copy.CopyRules.Plan;
import dev.fsview.cli.copy.CopyRules.Source;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** docker cp's documented table ("docker container cp", "Extended description"), row by row. */
class CopyRulesTest {
    static final Source FILE = new Source(false, "hostname");
    static final Source DIR = new Source(true, "etc");
    static final Source DIR_CONTENTS = new Source(true, ".");

    static Destination missing(String path) {
        return new Destination(path, false, false);
    }

    static Destination file(String path) {
        return new Destination(path, true, false);
    }

    static Destination dir(String path) {
        return new Destination(path, true, true);
    }

    @Nested
    class SourceIsAFile {
        @Test
        void destinationMissingSavesTheFileUnderTheDestinationsName() throws Exception {
            assertThat(CopyRules.plan(FILE, missing("/out/name")))
                    .isEqualTo(new Plan("/out", Optional.of("name")));
        }

        @Test
        void destinationMissingWithATrailingSlashIsAnError() {
            assertThatThrownBy(() -> CopyRules.plan(FILE, missing("/out/name/")))
                    .hasMessage(CopyRules.NO_SUCH_DIRECTORY);
            assertThatThrownBy(() -> CopyRules.plan(FILE, missing("/out/name/.")))
                    .hasMessage(CopyRules.NO_SUCH_DIRECTORY);
        }

        @Test
        void destinationAFileIsOverwritten() throws Exception {
            assertThat(CopyRules.plan(FILE, file("/out/other")))
                    .isEqualTo(new Plan("/out", Optional.of("other")));
        }

        @Test
        void destinationADirectoryReceivesTheFileUnderItsOwnName() throws Exception {
            assertThat(CopyRules.plan(FILE, dir("/out")))
                    .isEqualTo(new Plan("/out", Optional.empty()));
            assertThat(CopyRules.plan(FILE, dir("/out/")))
                    .isEqualTo(new Plan("/out/", Optional.empty()));
        }

        @Test
        void noRenameWhenTheNamesAlreadyAgree() throws Exception {
            assertThat(CopyRules.plan(FILE, missing("/out/hostname")))
                    .isEqualTo(new Plan("/out", Optional.empty()));
        }
    }

    @Nested
    class SourceIsADirectory {
        @Test
        void destinationMissingIsCreatedWithTheSourcesContents() throws Exception {
            assertThat(CopyRules.plan(DIR, missing("/out/new")))
                    .isEqualTo(new Plan("/out", Optional.of("new")));
            assertThat(CopyRules.plan(DIR, missing("/out/new/")))
                    .isEqualTo(new Plan("/out", Optional.of("new")));
            assertThat(CopyRules.plan(DIR_CONTENTS, missing("/out/new")))
                    .isEqualTo(new Plan("/out", Optional.of("new")));
        }

        @Test
        void destinationAFileIsAnError() {
            assertThatThrownBy(() -> CopyRules.plan(DIR, file("/out/f")))
                    .hasMessage(CopyRules.CANNOT_COPY_DIRECTORY);
            assertThatThrownBy(() -> CopyRules.plan(DIR_CONTENTS, file("/out/f")))
                    .hasMessage(CopyRules.CANNOT_COPY_DIRECTORY);
        }

        @Test
        void destinationADirectoryReceivesTheDirectoryItself() throws Exception {
            assertThat(CopyRules.plan(DIR, dir("/out")))
                    .isEqualTo(new Plan("/out", Optional.empty()));
        }

        @Test
        void destinationADirectoryReceivesOnlyTheContentsOfSlashDot() throws Exception {
            // The archive's top entry is "." for SRC/.: extracted into /out, it is /out itself.
            assertThat(CopyRules.plan(DIR_CONTENTS, dir("/out")))
                    .isEqualTo(new Plan("/out", Optional.empty()));
        }
    }
}
