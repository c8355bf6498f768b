package dev.fsview.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whole reads of proc files into kept buffers, as a spare view thread's return check does. */
class ProcReadsTest {
    @TempDir
    Path dir;

    @Test
    void aProcFileIsReadToItsEndThoughItHasNoSizeAndTheBufferGrows() throws IOException {
        ProcReads r = new ProcReads(16);
        byte[] expected = Files.readAllBytes(Path.of("/proc/self/mountinfo"));
        assertThat(Files.size(Path.of("/proc/self/mountinfo")))
                .as("proc's size")
                .isZero();

        r.read("/proc/self/mountinfo");

        assertThat(r.length()).isEqualTo(expected.length).isGreaterThan(16);
        ProcReads again = new ProcReads().read("/proc/self/mountinfo");
        assertThat(r.sameAs(again)).isTrue();
    }

    @Test
    void aShorterSecondReadIsComparedByItsOwnLengthNotByWhatWasLeftInTheBuffer()
            throws IOException {
        Path longer = Files.writeString(dir.resolve("long"), "abcdef");
        Path prefix = Files.writeString(dir.resolve("prefix"), "abc");
        ProcReads reused = new ProcReads(4).read(longer.toString());
        ProcReads other = new ProcReads().read(prefix.toString());

        assertThat(reused.read(prefix.toString()).sameAs(other)).isTrue();
        assertThat(reused.read(longer.toString()).sameAs(other)).isFalse();
        assertThat(other.sameAs(reused)).isFalse();
    }

    @Test
    void bytesThatDifferAnywhereAreNotTheSame() throws IOException {
        ProcReads a = new ProcReads()
                .read(Files.writeString(dir.resolve("a"), "x 1\n").toString());
        ProcReads b = new ProcReads()
                .read(Files.writeString(dir.resolve("b"), "x 2\n").toString());
        assertThat(a.sameAs(b)).isFalse();
        assertThat(a.sameAs(a)).isTrue();
    }

    @Test
    void aFileThatCannotBeOpenedFailsTheRead() {
        assertThatThrownBy(() -> new ProcReads().read(dir.resolve("missing").toString()))
                .isInstanceOf(IOException.class);
    }
}
