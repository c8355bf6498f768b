package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

class MountSpecTest {

    @Nested
    class Bind {
        @Test
        void isReadOnlyAndRecursiveUnlessToldOtherwiseAsInTheSeed() throws Exception {
            MountSpec m = MountSpec.bind("/srv/data", "/data").build();
            assertThat(m.type()).isEqualTo(MountSpec.Type.BIND);
            assertThat(m.source()).contains("/srv/data");
            assertThat(m.writable()).isFalse();
            assertThat(m.nonRecursive()).isFalse();
            assertThat(m.recursiveReadOnly()).isTrue();
        }

        @Test
        void writableIsNotRecursivelyReadOnly() throws Exception {
            MountSpec m = MountSpec.bind("/srv/data", "/data").writable().build();
            assertThat(m.writable()).isTrue();
            assertThat(m.recursiveReadOnly()).isFalse();
        }

        @Test
        void readOnlyNonRecursiveLeavesSubmountsAlone() throws Exception {
            MountSpec m = MountSpec.bind("/s", "/d").readOnlyNonRecursive().build();
            assertThat(m.writable()).isFalse();
            assertThat(m.recursiveReadOnly()).isFalse();
        }

        @Test
        void optionsCanBeCombinedWhereTheyDoNotConflict() throws Exception {
            MountSpec m = MountSpec.bind("/s", "/d")
                    .nonRecursive()
                    .readOnlyForceRecursive()
                    .build();
            assertThat(m.nonRecursive()).isTrue();
            assertThat(m.readOnlyForceRecursive()).isTrue();
            assertThat(m.recursiveReadOnly()).isTrue();
        }

        @Test
        void writableAndReadOnlyNonRecursiveConflictWithTheSeedsMessage() {
            assertThatThrownBy(() -> MountSpec.bind("/s", "/d")
                            .writable()
                            .readOnlyNonRecursive()
                            .build())
                    .isInstanceOf(OptionsConflictException.class)
                    .hasMessage("options conflict: Writable && ReadOnlyNonRecursive");
        }

        @Test
        void writableAndReadOnlyForceRecursiveConflictWithTheSeedsMessage() {
            assertThatThrownBy(() -> MountSpec.bind("/s", "/d")
                            .writable()
                            .readOnlyForceRecursive()
                            .build())
                    .isInstanceOf(OptionsConflictException.class)
                    .hasMessage("options conflict: Writable && ReadOnlyForceRecursive");
        }

        @Test
        void theTwoReadOnlyOptionsConflictWithTheSeedsMessage() {
            assertThatThrownBy(() -> MountSpec.bind("/s", "/d")
                            .readOnlyNonRecursive()
                            .readOnlyForceRecursive()
                            .build())
                    .isInstanceOf(OptionsConflictException.class)
                    .hasMessage("options conflict: ReadOnlyNonRecursive && ReadOnlyForceRecursive");
        }

        @Test
        void aConflictIsAnInvalidSpecOfTheOptionsField() {
            assertThatThrownBy(() -> MountSpec.bind("/s", "/d")
                            .writable()
                            .readOnlyNonRecursive()
                            .build())
                    .isInstanceOf(InvalidSpecException.class)
                    .extracting(e -> ((InvalidSpecException) e).field())
                    .isEqualTo("options");
        }

        @Test
        void acceptsAnAbsoluteHostPathObject() throws Exception {
            assertThat(MountSpec.bind(Path.of("/srv/x"), "/x").build().source()).contains("/srv/x");
        }

        @ParameterizedTest
        @CsvSource({
            "relative/src, 'source: not an absolute path: relative/src'",
            "'', 'source: empty path'"
        })
        void refusesABadSourceNamingTheField(String source, String message) {
            assertThatThrownBy(() -> MountSpec.bind(source, "/d").build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage(message);
        }

        @Test
        void refusesAMissingSourceAtOnce() {
            assertThatThrownBy(() -> MountSpec.bind((String) null, "/d"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("source");
        }

        @Test
        void refusesANulInTheSourceShowingWhere() {
            assertThatThrownBy(() -> MountSpec.bind("/srv\0/x", "/d").build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("source: path contains a NUL byte: /srv\\0/x");
        }
    }

    @Nested
    class Destination {
        @ParameterizedTest
        @CsvSource({
            "/data, /data",
            "/data/, /data",
            "//a//b//, /a/b",
            "/a/./b, /a/b",
            "/a/../b, /b",
            "/../../etc, /etc",
            "/a/b/.., /a"
        })
        void isCleanedLexicallyAsDockerDoes(String given, String cleaned) throws Exception {
            assertThat(MountSpec.bind("/s", given).build().destination()).isEqualTo(cleaned);
        }

        @ParameterizedTest
        @ValueSource(strings = {"data", "./data", "../data"})
        void mustBeAbsolute(String given) {
            assertThatThrownBy(() -> MountSpec.bind("/s", given).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("destination: not an absolute path: " + given);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "//", "/..", "/a/.."})
        void cannotBeTheContainerRoot(String given) {
            assertThatThrownBy(() -> MountSpec.bind("/s", given).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("destination: cannot be '/': " + given);
        }

        @Test
        void refusesEmptyAndNul() {
            assertThatThrownBy(() -> MountSpec.tmpfs("").build())
                    .hasMessage("destination: empty path");
            assertThatThrownBy(() -> MountSpec.tmpfs("/tmp\0").build())
                    .hasMessage("destination: path contains a NUL byte: /tmp\\0");
        }

        @ParameterizedTest
        @CsvSource({"/a, 1", "/a/b, 2", "/a/b/c/, 3"})
        void depthCountsComponents(String destination, int depth) throws Exception {
            assertThat(MountSpec.tmpfs(destination).build().depth()).isEqualTo(depth);
        }
    }

    @Nested
    class Tmpfs {
        @Test
        void isWritableWithTmpLikeDefaults() throws Exception {
            MountSpec m = MountSpec.tmpfs("/tmp").build();
            assertThat(m.type()).isEqualTo(MountSpec.Type.TMPFS);
            assertThat(m.source()).isEmpty();
            assertThat(m.writable()).isTrue();
            assertThat(m.tmpfsSizeBytes()).isZero();
            assertThat(m.tmpfsMode()).isEqualTo(01777);
        }

        @Test
        void keepsSizeAndMode() throws Exception {
            MountSpec m = MountSpec.tmpfs("/run").sizeBytes(1 << 20).mode(0755).build();
            assertThat(m.tmpfsSizeBytes()).isEqualTo(1 << 20);
            assertThat(m.tmpfsMode()).isEqualTo(0755);
        }

        @Test
        void refusesANegativeSize() {
            assertThatThrownBy(() -> MountSpec.tmpfs("/t").sizeBytes(-1).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("tmpfs-size: negative size: -1");
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 010000, 0777777})
        void refusesAModeOutsidePermissionBits(int mode) {
            assertThatThrownBy(() -> MountSpec.tmpfs("/t").mode(mode).build())
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageStartingWith("tmpfs-mode: not a permission mode (0 to 07777)");
        }
    }

    @Test
    void equalSpecsAreEqual() throws Exception {
        assertThat(MountSpec.bind("/s", "/d/").writable().build())
                .isEqualTo(MountSpec.bind("/s", "/d").writable().build())
                .hasSameHashCodeAs(MountSpec.bind("/s", "/d").writable().build())
                .isNotEqualTo(MountSpec.bind("/s", "/d").build());
    }

    @Test
    void describesItselfReadably() throws Exception {
        assertThat(MountSpec.bind("/s", "/d").nonRecursive().build())
                .hasToString("bind /s -> /d (ro)");
        assertThat(MountSpec.bind("/s", "/d").writable().build())
                .hasToString("rbind /s -> /d (rw)");
        assertThat(MountSpec.tmpfs("/t").build()).hasToString("tmpfs /t (size=default, mode=1777)");
    }
}
