package dev.fsview.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** When an extracted file may be created with its final mode instead of chmod'ed afterwards. */
class ProcessUmaskTest {
    @TempDir
    Path tmp;

    @Test
    void theUmaskIsReadFromTheStatusFile() throws Exception {
        Path status =
                Files.writeString(tmp.resolve("status"), "Name:\tjava\nUmask:\t0027\nState:\tR\n");
        assertThat(ProcessUmask.read(status)).isEqualTo(OptionalInt.of(027));
        assertThat(ProcessUmask.read(Files.writeString(tmp.resolve("old"), "Name:\tjava\n")))
                .isEmpty();
        assertThat(ProcessUmask.read(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void onlyModesTheUmaskKeepsWholeAndWithoutSpecialBitsAreCreatedDirectly() {
        OptionalInt umask = OptionalInt.of(022);
        assertThat(ProcessUmask.createsExactly(0644, umask)).isTrue();
        assertThat(ProcessUmask.createsExactly(0755, umask)).isTrue();
        assertThat(ProcessUmask.createsExactly(0400, umask)).isTrue();
        // The umask would drop group and others' write: chmod'ed afterwards.
        assertThat(ProcessUmask.createsExactly(0666, umask)).isFalse();
        // setuid, setgid and sticky cannot be given at creation through NIO.
        assertThat(ProcessUmask.createsExactly(04755, umask)).isFalse();
        assertThat(ProcessUmask.createsExactly(01755, umask)).isFalse();
        // Unknown umask: always chmod'ed.
        assertThat(ProcessUmask.createsExactly(0644, OptionalInt.empty())).isFalse();
    }
}
