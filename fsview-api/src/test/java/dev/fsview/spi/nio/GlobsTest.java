package dev.fsview.spi.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/** Globs match in a view exactly what they match on the host. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class GlobsTest {
    private static final FileSystem VIEW = new PathOnlyFileSystem();
    private static final FileSystem HOST = FileSystems.getDefault();
    private static final List<String> NAMES = List.of(
            "a.txt",
            "b.TXT",
            "dir/a.txt",
            "/etc/passwd",
            ".hidden",
            "a",
            "ab",
            "abc",
            "a-b",
            "x.java",
            "x.class",
            "a/b/c.java",
            "[x]",
            "a{b",
            "^x",
            "!x",
            "a,b",
            "a\\b",
            "{}",
            "a.b.c",
            "\u00e9t\u00e9.txt",
            "a/b");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "glob:*.txt",
                "glob:*",
                "glob:**",
                "glob:**/*.java",
                "glob:*.{java,class}",
                "glob:?",
                "glob:??",
                "glob:a?c",
                "glob:[ab]*",
                "glob:[!a]*",
                "glob:[a-c]*",
                "glob:[^x]*",
                "glob:[-a]*",
                "glob:\\[x\\]",
                "glob:a\\{b",
                "glob:{a,ab}",
                "glob:/etc/*",
                "glob:a/*",
                "glob:.*",
                "glob:a.b.c",
                "glob:*.*",
                "glob:{}",
                "glob:a,b",
                "regex:.*\\.txt",
                "regex:a|ab",
                "glob:*.TXT",
                "glob:\u00e9*"
            })
    void matchesWhatTheJdkMatches(String pattern) {
        PathMatcher view = VIEW.getPathMatcher(pattern);
        PathMatcher host = HOST.getPathMatcher(pattern);
        for (String name : NAMES) {
            assertThat(view.matches(VIEW.getPath(name)))
                    .as("%s on %s", pattern, name)
                    .isEqualTo(host.matches(HOST.getPath(name)));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "glob:[a/b]",
                "glob:{a,{b}}",
                "glob:[abc",
                "glob:\\",
                "glob:[z-a]",
                "glob:{a",
                "regex:("
            })
    void refusesWhatTheJdkRefuses(String pattern) {
        assertThatThrownBy(() -> HOST.getPathMatcher(pattern))
                .isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> VIEW.getPathMatcher(pattern))
                .isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void refusesUnknownSyntaxAndMissingColonAsTheJdkDoes() {
        assertThatThrownBy(() -> VIEW.getPathMatcher("shell:*"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Syntax 'shell' not recognized");
        assertThatThrownBy(() -> HOST.getPathMatcher("shell:*"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> VIEW.getPathMatcher("*.txt"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HOST.getPathMatcher("*.txt"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
