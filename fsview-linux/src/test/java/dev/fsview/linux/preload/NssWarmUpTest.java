package dev.fsview.linux.preload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The NSS warm-up: which modules it reads from nsswitch.conf, and that they are really loaded. */
class NssWarmUpTest {

    @Test
    void theModulesOfPasswdGroupHostsAndInitgroupsAreNamedInOrder() {
        String conf = "# comment: passwd: nope\n"
                + "passwd:   files systemd   # trailing\n"
                + "group:    files [SUCCESS=merge] sss\n"
                + "shadow:   files tcb\n"
                + "hosts:    files mdns4_minimal [NOTFOUND=return] dns myhostname\n"
                + "initgroups: files ldap\n"
                + "netgroup: nis\n";
        assertThat(NssWarmUp.modules(conf))
                .containsExactly(
                        "files", "systemd", "sss", "mdns4_minimal", "dns", "myhostname", "ldap");
    }

    @Test
    void everyModuleTheHostNamesThatIsInstalledIsMappedAfterTheWarmUp() throws Exception {
        List<String> loaded = NssWarmUp.run();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        for (String module : NssWarmUp.modules(Files.readString(Path.of("/etc/nsswitch.conf")))) {
            boolean installed = Files.exists(
                            Path.of("/lib/x86_64-linux-gnu/libnss_" + module + ".so.2"))
                    || Files.exists(Path.of("/lib/aarch64-linux-gnu/libnss_" + module + ".so.2"))
                    || Files.exists(Path.of("/lib64/libnss_" + module + ".so.2"));
            if (installed) {
                assertThat(loaded).contains("libnss_" + module + ".so.2");
                assertThat(maps).as("/proc/self/maps").contains("libnss_" + module + ".so.2");
            }
        }
    }
}
