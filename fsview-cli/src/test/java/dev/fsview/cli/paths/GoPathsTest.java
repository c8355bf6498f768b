package dev.fsview.cli.paths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are Go's own (path/filepath and docker's pkg/archive), case by case. */
class GoPathsTest {

    @ParameterizedTest(name = "Clean({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|.",
                "a//b|a/b",
                "/../a|/a",
                "a/../..|..",
                "./a/|a",
                "/|/",
                "a/./b/.|a/b",
                "../../a|../../a",
                "/a/b/../../..|/",
                "a/b/../c|a/c",
                "//a|/a",
            })
    void cleanMatchesGo(String in, String out) {
        assertThat(GoPaths.clean(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "Base({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {"/a/b/|b", "/|/", "''|.", "a|a", "a/.|.", "//|/"})
    void baseMatchesGo(String in, String out) {
        assertThat(GoPaths.base(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "Dir({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {"/a/b|/a", "a|.", "/a|/", "a/b/|a/b", "/|/", "a/./b|a"})
    void dirMatchesGo(String in, String out) {
        assertThat(GoPaths.dir(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "Join({0}, {1}) = {2}")
    @CsvSource(
            delimiter = '|',
            value = {"/|etc|/etc", "/|''|/", "''|''|''", "a|../b|b", "/x|/abs|/x/abs", "a/|b/|a/b"})
    void joinMatchesGo(String a, String b, String out) {
        assertThat(GoPaths.join(a, b)).isEqualTo(out);
    }

    @ParameterizedTest(name = "SplitPathDirEntry({0}) = {1}, {2}")
    @CsvSource(
            delimiter = '|',
            value = {"a/b/.|a/b|.", "/a/b/|/a|b", "/|/|/", "a|.|a", "/.|/|.", "./|.|."})
    void splitDirEntryKeepsAFinalDot(String in, String dir, String base) {
        assertThat(GoPaths.splitDirEntry(in)).containsExactly(dir, base);
    }

    @ParameterizedTest(name = "PreserveTrailingDotOrSeparator({0}, {1}) = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/a|a/|/a/",
                "/a|a/.|/a/.",
                "/|/.|/.",
                "/|/|/",
                "/a|a|/a",
                "/a|a/./|/a/./",
                "/a|a/..|/a"
            })
    void preserveTrailingDotOrSeparator(String cleaned, String original, String out) {
        assertThat(GoPaths.preserveTrailingDotOrSeparator(cleaned, original)).isEqualTo(out);
    }

    @ParameterizedTest(name = "assertsDirectory({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {"a|false", "a/|true", "a/.|true", ".|true", "/|true", "a/..|false"})
    void aTrailingSlashOrDotAssertsADirectory(String in, boolean asserts) {
        assertThat(GoPaths.assertsDirectory(in)).isEqualTo(asserts);
    }
}
