package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViewOpenOptionTest {

    @Test
    void regularFileCarriesNoKeyAndSameFileAsCarriesTheCallersKey() {
        assertThat(ViewOpenOption.REGULAR_FILE.fileKey()).isNull();
        assertThat(ViewOpenOption.sameFileAs("(dev=801,ino=12)").fileKey())
                .isEqualTo("(dev=801,ino=12)");
        assertThat(ViewOpenOption.sameFileAs("k"))
                .isEqualTo(ViewOpenOption.sameFileAs("k"))
                .hasSameHashCodeAs(ViewOpenOption.sameFileAs("k"))
                .isNotEqualTo(ViewOpenOption.sameFileAs("j"))
                .isNotEqualTo(ViewOpenOption.REGULAR_FILE)
                .hasToString("SAME_FILE_AS(k)");
        assertThat(ViewOpenOption.REGULAR_FILE).hasToString("REGULAR_FILE");
    }

    @Test
    void sameFileAsNeedsAKey() {
        assertThatThrownBy(() -> ViewOpenOption.sameFileAs(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("fileKey");
    }
}
