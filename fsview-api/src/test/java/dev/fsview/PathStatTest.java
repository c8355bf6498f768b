package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

class PathStatTest {
    private static PathStat withMode(int mode) {
        return new PathStat("x", 0, mode, Instant.EPOCH, "");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0100644, -rw-r--r--, REGULAR",
        "040755, drwxr-xr-x, DIRECTORY",
        "0120777, lrwxrwxrwx, SYMLINK",
        "0104755, -rwsr-xr-x, REGULAR",
        "0102644, -rw-r-Sr--, REGULAR",
        "041777, drwxrwxrwt, DIRECTORY",
        "041776, drwxrwxrwT, DIRECTORY",
        "010600, prw-------, FIFO",
        "0140755, srwxr-xr-x, SOCKET",
        "020620, crw--w----, CHAR_DEVICE",
        "060660, brw-rw----, BLOCK_DEVICE",
        "0100000, ----------, REGULAR",
        "0, ?---------, UNKNOWN"
    })
    void rendersTheModeAsLsDoes(String octal, String rendered, PathStat.FileType type) {
        PathStat st = withMode(Integer.parseInt(octal, 8));
        assertThat(st.modeString()).isEqualTo(rendered);
        assertThat(st.type()).isEqualTo(type);
        assertThat(st.isDirectory()).isEqualTo(type == PathStat.FileType.DIRECTORY);
        assertThat(st.isRegularFile()).isEqualTo(type == PathStat.FileType.REGULAR);
        assertThat(st.isSymbolicLink()).isEqualTo(type == PathStat.FileType.SYMLINK);
        assertThat(st.permissions()).isEqualTo(Integer.parseInt(octal, 8) & 07777);
    }
}
