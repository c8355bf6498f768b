package dev.fsview.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

class ProgressTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLongCopyOnATerminalShowsALineThenTheSummary() throws Exception {
        Progress p = Progress.start(
                err, true, "Copying to container", Duration.ZERO, Duration.ofMillis(5));
        p.add(1234);
        while (!err().contains("Copying to container - 1.234kB")) {
            Thread.sleep(5);
        }
        p.add(1_000_000);
        p.finish(":/data");
        p.close();
        assertThat(err())
                .startsWith("\r\033[2KCopying to container - ")
                .contains("\r\033[2KCopying to container - 1.234kB")
                .endsWith("\r\033[2KSuccessfully copied 1.001MB to :/data\n");
    }

    @Test
    void nothingIsShownWhenNotActiveOrWhenTheCopyEndsFirst() {
        Progress off = Progress.start(err, false, "Copying", Duration.ZERO, Duration.ofMillis(1));
        off.add(10);
        off.finish(":/x");
        off.close();
        Progress quick =
                Progress.start(err, true, "Copying", Duration.ofHours(1), Duration.ofMillis(1));
        quick.add(10);
        quick.finish(":/x");
        quick.close();
        Progress quiet = Progress.start(err, true, true, "Copying");
        quiet.finish(":/x");
        quiet.close();
        assertThat(err()).isEmpty();
    }

    @Test
    void sizesAreShownAsDockerShowsThem() {
        assertThat(Progress.humanSize(0)).isEqualTo("0B");
        assertThat(Progress.humanSize(999)).isEqualTo("999B");
        assertThat(Progress.humanSize(1000)).isEqualTo("1kB");
        assertThat(Progress.humanSize(1234)).isEqualTo("1.234kB");
        assertThat(Progress.humanSize(12_345_678)).isEqualTo("12.35MB");
        assertThat(Progress.humanSize(5_000_000_000L)).isEqualTo("5GB");
    }
}
