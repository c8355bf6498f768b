package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The README's main command on examples/demo-bundle, and the fake answering as linux does. */
@ExtendWith(LeakCheck.class)
class DemoBundleTest {
    static final Path BUNDLE =
            Path.of("../examples/demo-bundle").toAbsolutePath().normalize();

    static final List<String[]> READ_COMMANDS = List.of(
            new String[] {"ls"},
            new String[] {"ls", "-l", "/"},
            new String[] {"ls", "-la", "/"},
            new String[] {"ls", "-l", "/var/run"},
            new String[] {"ls", "-la", "/var/run/"},
            new String[] {"ls", "-l", "/root"},
            new String[] {"ls", "-l", "/host/"},
            new String[] {"ls", "-la", "/run/data"},
            new String[] {"ls", "/srv/config"},
            new String[] {"ls", "/var/lib/app/etc"},
            new String[] {"ls", "/nope"},
            new String[] {"stat", "/"},
            new String[] {"stat", "/etc/hostname"},
            new String[] {"stat", "/var/run"},
            new String[] {"stat", "/var/run/"},
            new String[] {"stat", "/host"},
            new String[] {"stat", "/var/lib/app/etc"},
            new String[] {"stat", "/root/host-shadow"},
            new String[] {"stat", "/root/host-ssh-key"},
            new String[] {"stat", "/srv/config"},
            new String[] {"stat", "/run/data/README"},
            new String[] {"cat", "/etc/hostname"},
            new String[] {"cat", "/root/host-shadow"},
            new String[] {"cat", "/var/lib/app/etc/os-release"},
            new String[] {"cat", "/srv/config/app.ini"},
            new String[] {"cat", "/var/run/data/README"},
            new String[] {"cat", "/root/host-ssh-key"},
            new String[] {"mounts"},
            new String[] {"cp", ":/etc", "-"},
            new String[] {"cp", ":/var/run/", "-"});

    static Cli demo(String backend) {
        return Cli.with("--backend", backend, "--bundle", BUNDLE.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void theMainCommandListsTheDemoRoot(String backend) {
        Backends.assumeAvailable(backend);
        Cli.Result r = demo(backend).run("ls", "-l", "/");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        List<String> names = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            assertThat(line)
                    .matches(
                            "[dl-][rwx-]{9} +\\d+ \\d+ \\d+ +\\d+ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d .+");
            names.add(line.substring(line.lastIndexOf(':') + 4));
        }
        assertThat(names).containsExactly("etc", "host -> /", "root", "run", "srv", "tmp", "var");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void theDemoShowsContainment(String backend) {
        Backends.assumeAvailable(backend);
        Cli cli = demo(backend);
        assertThat(cli.run("cat", "/root/host-shadow").out()).startsWith("root:*:20000");
        assertThat(cli.run("cat", "/var/lib/app/etc/hostname").out()).isEqualTo("fsview-demo\n");
        assertThat(cli.run("mounts").out()).contains("/srv/config", "/run/data");
        Cli.Result ro = cli.run("cp", BUNDLE.resolve("config.json").toString(), ":/srv/config/");
        assertThat(ro.status()).isEqualTo(1);
        assertThat(ro.stderr()).contains("mounted volume /srv/config is marked read-only");
        Cli.Result root = cli.run("cp", BUNDLE.resolve("config.json").toString(), ":/etc/");
        assertThat(root.stderr()).contains("container rootfs is marked read-only");
    }

    @Test
    void theFakeBackendAnswersEveryReadCommandAsLinuxDoes() {
        Backends.assumeAvailable("linux");
        for (String[] command : READ_COMMANDS) {
            Cli.Result linux = demo("linux").run(command);
            Cli.Result fake = demo("fake").run(command);
            String what = String.join(" ", command);
            assertThat(fake.status()).as(what).isEqualTo(linux.status());
            assertThat(fake.stderr()).as(what).isEqualTo(linux.stderr());
            assertThat(fake.stdout()).as(what).isEqualTo(linux.stdout());
        }
    }

    @Test
    void theCommittedBundleIsAsDocumented() throws IOException {
        Path root = BUNDLE.resolve("rootfs");
        assertThat(Files.readSymbolicLink(root.resolve("var/run")).toString()).isEqualTo("/run");
        assertThat(Files.readSymbolicLink(root.resolve("host")).toString()).isEqualTo("/");
        assertThat(Files.readSymbolicLink(root.resolve("var/lib/app/etc")).toString())
                .startsWith("../../../../../../")
                .endsWith("/etc");
        assertThat(Files.readSymbolicLink(root.resolve("root/host-shadow")).toString())
                .isEqualTo("/etc/shadow");
        assertThat(Files.readString(BUNDLE.resolve("config.json")))
                .contains(
                        "\"source\": \"volumes/config\"",
                        "\"source\": \"volumes/data\"",
                        "\"readonly\": true");
        assertThat(BUNDLE.resolve("volumes/data").toFile().list()).containsExactly("README");
    }
}
