package dev.fsview.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilepathTest {
    /** Go's own table: cleantests and nonwincleantests in src/path/filepath/path_test.go. */
    @ParameterizedTest(name = "clean({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                // Already clean
                "abc|abc",
                "abc/def|abc/def",
                "a/b/c|a/b/c",
                ".|.",
                "..|..",
                "../..|../..",
                "../../abc|../../abc",
                "/abc|/abc",
                "/|/",
                // Empty is current dir
                "''|.",
                // Remove trailing slash
                "abc/|abc",
                "abc/def/|abc/def",
                "a/b/c/|a/b/c",
                "./|.",
                "../|..",
                "../../|../..",
                "/abc/|/abc",
                // Remove doubled slash
                "abc//def//ghi|abc/def/ghi",
                "abc//|abc",
                // Remove . elements
                "abc/./def|abc/def",
                "/./abc/def|/abc/def",
                "abc/.|abc",
                // Remove .. elements
                "abc/def/ghi/../jkl|abc/def/jkl",
                "abc/def/../ghi/../jkl|abc/jkl",
                "abc/def/..|abc",
                "abc/def/../..|.",
                "/abc/def/../..|/",
                "abc/def/../../..|..",
                "/abc/def/../../..|/",
                "abc/def/../../../ghi/jkl/../../../mno|../../mno",
                "/../abc|/abc",
                "a/../b:/../../c|../c",
                // Combinations
                "abc/./../def|def",
                "abc//./../def|def",
                "abc/../../././../def|../../def",
                // Remove leading doubled slash (non-Windows)
                "//abc|/abc",
                "///abc|/abc",
                "//abc//|/abc",
            })
    void cleanMatchesGo(String path, String cleaned) {
        assertThat(Filepath.clean(path)).isEqualTo(cleaned);
        // Go's test also checks that Clean is idempotent
        assertThat(Filepath.clean(cleaned)).isEqualTo(cleaned);
    }

    @ParameterizedTest(name = "cleanAbsolute({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "''|/",
                ".|/",
                "..|/",
                "../../etc/passwd|/etc/passwd",
                "a/b/../c|/a/c",
                "/a//b/|/a/b",
                "/../..|/",
                "a/../../b|/b",
            })
    void cleanAbsoluteNeverLeavesTheRoot(String path, String cleaned) {
        assertThat(Filepath.cleanAbsolute(path)).isEqualTo(cleaned);
    }

    @Test
    void nullIsRefusedByName() {
        assertThatThrownBy(() -> Filepath.clean(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("path");
        assertThatThrownBy(() -> Filepath.cleanAbsolute(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("path");
    }
}
