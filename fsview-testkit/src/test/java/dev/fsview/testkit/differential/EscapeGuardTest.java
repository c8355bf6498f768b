package dev.fsview.testkit.differential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The guard spots exactly the paths whose resolution climbs above the reference tree. */
class EscapeGuardTest {
    private Path top;
    private EscapeGuard guard;

    @BeforeEach
    void tree() throws IOException {
        top = Files.createTempDirectory("fsview-testkit-guard-");
        InitialTree.plant(top);
        Side s = Side.reference(top);
        Files.createSymbolicLink(top.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(top.resolve("a/up2"), Path.of("../.."));
        Files.createSymbolicLink(top.resolve("a/back"), Path.of(".."));
        Files.createSymbolicLink(top.resolve("abs"), Path.of(s.linkTarget("/a")));
        Files.createSymbolicLink(top.resolve("loop"), Path.of("loop"));
        guard = new EscapeGuard(top);
    }

    @AfterEach
    void delete() throws IOException {
        DifferentialNioContract.deleteTree(top);
    }

    @Test
    void climbingAboveTheTopEscapes() throws IOException {
        assertThat(guard.escapes("up")).isTrue();
        assertThat(guard.escapes("a/up2/x")).isTrue();
        assertThat(guard.escapes("abs/../..")).isTrue();
        assertThat(guard.escapes("l/back/..")).isTrue();
    }

    @Test
    void stayingInsideMissingComponentsFilesAndLoopsDoNotEscape() throws IOException {
        assertThat(guard.escapes("a/back/b/f")).isFalse();
        assertThat(guard.escapes("abs/a")).isFalse();
        assertThat(guard.escapes("l/a/..")).isFalse();
        assertThat(guard.escapes("b/l/l/f")).isFalse();
        assertThat(guard.escapes("f/..")).isFalse();
        assertThat(guard.escapes("missing/../..")).isFalse();
        assertThat(guard.escapes("b/../..")).isTrue();
        assertThat(guard.escapes("loop/../..")).isFalse();
    }
}
