package dev.fsview.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Syscall numbers and flags per architecture; unknown architectures are refused. */
class ArchTest {
    @Test
    void knowsX8664AndAarch64ByEveryName() {
        assertThat(Arch.detect("amd64")).isEqualTo(Arch.X86_64);
        assertThat(Arch.detect("x86_64")).isEqualTo(Arch.X86_64);
        assertThat(Arch.detect("aarch64")).isEqualTo(Arch.AARCH64);
        assertThat(Arch.detect("arm64")).isEqualTo(Arch.AARCH64);
    }

    @Test
    void refusesOtherArchitectures() {
        assertThat(Arch.detect("riscv64")).isNull();
        assertThat(Arch.detect("ppc64le")).isNull();
        assertThat(Arch.unsupportedMessage()).contains("x86_64 and aarch64 only");
    }

    @Test
    void pivotRootAndOpenFlagsDifferByArchitecture() {
        assertThat(Arch.X86_64.sysPivotRoot()).isEqualTo(155);
        assertThat(Arch.AARCH64.sysPivotRoot()).isEqualTo(41);
        assertThat(Arch.X86_64.oDirectory()).isEqualTo(0200000);
        assertThat(Arch.AARCH64.oDirectory()).isEqualTo(040000);
        assertThat(Arch.X86_64.oNofollow()).isEqualTo(0400000);
        assertThat(Arch.AARCH64.oNofollow()).isEqualTo(0100000);
        assertThat(Arch.SYS_OPENAT2).isEqualTo(437);
        assertThat(Arch.SYS_MOUNT_SETATTR).isEqualTo(442);
    }
}
