package dev.fsview.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.MountSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class OciBundleTest {
    @TempDir
    Path bundle;

    final List<String> debug = new ArrayList<>();

    ContainerSpec load(String config) throws IOException {
        Files.writeString(bundle.resolve("config.json"), config);
        return OciBundle.load(bundle, debug::add);
    }

    ContainerSpec withMounts(String mounts) throws IOException {
        return load("{\"ociVersion\": \"1.0.2\", \"root\": {\"path\": \"rootfs\"}, \"mounts\": ["
                + mounts + "]}");
    }

    static String flags(MountSpec m) {
        return DockerMountTest.flags(m);
    }

    @Test
    void theRootPathIsRelativeToTheBundle() throws IOException {
        ContainerSpec c = load("{\"root\": {\"path\": \"rootfs\"}}");
        assertThat(c.view().root()).isEqualTo(bundle.resolve("rootfs").toString());
        assertThat(c.rootReadOnly()).isFalse();
        assertThat(c.view().readOnlyRoot()).isFalse();
        assertThat(c.view().mounts()).isEmpty();
    }

    @Test
    void anAbsoluteRootPathAndReadonlyAreTaken() throws IOException {
        ContainerSpec c = load("{\"root\": {\"path\": \"/srv/rootfs\", \"readonly\": true}}");
        assertThat(c.view().root()).isEqualTo("/srv/rootfs");
        assertThat(c.rootReadOnly()).isTrue();
        // kept by the kernel (or the fake's EROFS), not only by fsview's checks
        assertThat(c.view().readOnlyRoot()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // runc: rbind is recursive, bind (or no bind option with type bind) is not
                "\"type\": \"bind\", \"options\": [\"rbind\", \"rw\"]|W---",
                "\"type\": \"bind\", \"options\": [\"rbind\"]|W---",
                "\"type\": \"bind\"|WN--",
                "\"type\": \"none\", \"options\": [\"bind\"]|WN--",
                "\"options\": [\"rbind\", \"bind\"]|WN--",
                "\"options\": [\"bind\", \"rbind\"]|W---",
                // ro: runc remounts only the top mount read-only
                "\"type\": \"bind\", \"options\": [\"rbind\", \"ro\"]|--R-",
                "\"type\": \"bind\", \"options\": [\"bind\", \"ro\"]|-NR-",
                "\"type\": \"bind\", \"options\": [\"rbind\", \"ro\", \"rw\"]|W---",
                // rro: recursively read-only or fail, as runc
                "\"type\": \"bind\", \"options\": [\"rbind\", \"rro\"]|---F",
                "\"type\": \"bind\", \"options\": [\"rbind\", \"ro\", \"rro\"]|---F",
                "\"type\": \"bind\", \"options\": [\"rbind\", \"rw\", \"rro\"]|---F",
            })
    void bindOptionsMapAsRuncAppliesThem(String fields, String expected) throws IOException {
        ContainerSpec c = withMounts(
                "{\"destination\": \"/data\", \"source\": \"/srv/data\", " + fields + "}");
        MountSpec m = c.view().mounts().get(0);
        assertThat(m.type()).isEqualTo(MountSpec.Type.BIND);
        assertThat(flags(m)).isEqualTo(expected);
    }

    @Test
    void relativeSourcesAreRelativeToTheBundleAbsoluteOnesStay() throws IOException {
        ContainerSpec c = withMounts(
                "{\"destination\": \"/a\", \"type\": \"bind\", \"source\": \"volumes/a\"},"
                        + "{\"destination\": \"/b\", \"type\": \"bind\", \"source\": \"/abs/b\"}");
        assertThat(c.view().mounts())
                .extracting(m -> m.source().orElseThrow())
                .containsExactly(bundle.resolve("volumes/a").toString(), "/abs/b");
    }

    @Test
    void tmpfsTakesSizeAndModeAndIgnoresTheRestWithADebugLine() throws IOException {
        ContainerSpec c = withMounts(
                "{\"destination\": \"/dev/shm\", \"type\": \"tmpfs\", "
                        + "\"source\": \"shm\", \"options\": [\"nosuid\", \"mode=1777\", \"size=65536k\"]}");
        MountSpec m = c.view().mounts().get(0);
        assertThat(m.type()).isEqualTo(MountSpec.Type.TMPFS);
        assertThat(m.tmpfsSizeBytes()).isEqualTo(65536L << 10);
        assertThat(m.tmpfsMode()).isEqualTo(01777);
        assertThat(debug).containsExactly("ignoring mount option \"nosuid\" of /dev/shm");
    }

    @Test
    void kernelFileSystemsAreSkippedAndUnknownOptionsIgnoredWithDebugLines() throws IOException {
        ContainerSpec c = withMounts(
                "{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"},"
                        + "{\"destination\": \"/sys\", \"type\": \"sysfs\", \"source\": \"sysfs\", \"options\": [\"ro\"]},"
                        + "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"/d\", "
                        + "\"options\": [\"rbind\", \"nosuid\", \"rprivate\"], \"uidMappings\": []}");
        assertThat(c.view().mounts()).extracting(MountSpec::destination).containsExactly("/data");
        assertThat(debug)
                .containsExactly(
                        "skipping the proc mount at /proc: fsview mounts only bind and tmpfs",
                        "skipping the sysfs mount at /sys: fsview mounts only bind and tmpfs",
                        "mounts[2]: ignoring \"uidMappings\"",
                        "ignoring mount option \"nosuid\" of /data",
                        "ignoring mount option \"rprivate\" of /data (a view's mounts are always private)");
    }

    @Test
    void aRelativeDestinationIsRelativeToTheRoot() throws IOException {
        ContainerSpec c =
                withMounts("{\"destination\": \"data\", \"type\": \"bind\", \"source\": \"/d\"}");
        assertThat(c.view().mounts().get(0).destination()).isEqualTo("/data");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|config.json: unexpected 'n'",
                "[]|the config must be a JSON object",
                "{}|root is missing",
                "{\"root\": 1}|root must be a JSON object",
                "{\"root\": {}}|root.path is missing",
                "{\"root\": {\"path\": 7}}|root.path must be a string",
                "{\"root\": {\"path\": \"\"}}|root.path is empty",
                "{\"root\": {\"path\": \"r\", \"readonly\": \"yes\"}}|root.readonly must be true or false",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": {}}|mounts must be a JSON array",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [1]}|mounts[0] must be a JSON object",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{}]}|mounts[0].destination is missing",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"options\":"
                        + " \"ro\"}]}|mounts[0].options must be a JSON array",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"options\": [1]}]}"
                        + "|mounts[0].options[0] must be a string",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"type\":"
                        + " \"bind\"}]}|mounts[0]: a bind mount needs a source",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"type\": \"tmpfs\","
                        + " \"options\": [\"ro\"]}]}|a read-only tmpfs is not supported",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"type\": \"tmpfs\","
                        + " \"options\": [\"size=50%\"]}]}|unsupported tmpfs size '50%'",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"type\": \"tmpfs\","
                        + " \"options\": [\"mode=9\"]}]}|invalid tmpfs mode: mode=9",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/\", \"type\": \"bind\","
                        + " \"source\": \"/x\"}]}|cannot be '/'",
                "{\"root\": {\"path\": \"r\"}, \"mounts\": [{\"destination\": \"/a\", \"type\": \"bind\","
                        + " \"source\": \"/x\"}, {\"destination\": \"/a/\", \"type\": \"bind\", \"source\": \"/y\"}]}|duplicate mount destination: /a",
                "{\"root\": {\"path\": \"r\"}, \"root\": {\"path\": \"s\"}}|duplicate key \"root\"",
            })
    void invalidConfigsAreRefusedNamingTheField(String config, String message) {
        assertThatThrownBy(() -> load(config))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("invalid OCI bundle " + bundle)
                .hasMessageContaining(message);
    }

    @Test
    void aDirectoryWithoutConfigJsonIsNotABundle() {
        assertThatThrownBy(() -> OciBundle.load(bundle, debug::add))
                .isInstanceOf(BundleException.class)
                .hasMessage(
                        "not an OCI bundle: " + bundle.resolve("config.json") + " does not exist");
    }

    @Test
    void aConfigThatIsNotUtf8OrHugeIsRefused() throws IOException {
        Files.write(bundle.resolve("config.json"), new byte[] {'{', (byte) 0xff, '}'});
        assertThatThrownBy(() -> OciBundle.load(bundle, debug::add))
                .hasMessageContaining("not UTF-8");
        try (var ch = Files.newByteChannel(
                bundle.resolve("config.json"), java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(OciBundle.MAX_CONFIG_BYTES);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
        }
        assertThatThrownBy(() -> OciBundle.load(bundle, debug::add))
                .hasMessageContaining("larger than 16 MiB");
    }
}
