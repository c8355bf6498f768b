package dev.fsview.testkit.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A hostile glibc NSS module for tests: a shared library, built with {@code gcc} on this host,
 * whose constructor creates a marker file as soon as anything loads it. Planted in a container's
 * library directories under the names of the modules the host's {@code nsswitch.conf} uses, it
 * shows whether a view ever lets glibc {@code dlopen} a module from the container.
 */
public final class NssModules {
    /** Where glibc looks for {@code libnss_*.so.2}, as container paths. */
    public static final List<String> LIBRARY_DIRS = List.of(
            "/lib",
            "/usr/lib",
            "/lib64",
            "/usr/lib64",
            "/lib/x86_64-linux-gnu",
            "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu");

    private NssModules() {}

    /**
     * Builds the module.
     *
     * @param workDir a host directory for the source and the library
     * @param marker the absolute path the constructor creates when the library is loaded
     * @return the library's bytes
     * @throws IOException if gcc fails or is missing
     */
    public static byte[] build(Path workDir, String marker) throws IOException {
        if (marker.contains("\"") || marker.contains("\\")) {
            throw new IllegalArgumentException("marker path must not need C escapes: " + marker);
        }
        Path source = workDir.resolve("evil_nss.c");
        Files.writeString(
                source,
                "#include <fcntl.h>\n#include <unistd.h>\n"
                        + "__attribute__((constructor)) static void planted(void) {\n"
                        + "    int fd = open(\"" + marker
                        + "\", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);\n"
                        + "    if (fd >= 0) { write(fd, \"loaded\", 6); close(fd); }\n"
                        + "}\n",
                StandardCharsets.US_ASCII);
        Path library = workDir.resolve("libnss_evil.so.2");
        HostCommands.run("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString());
        return Files.readAllBytes(library);
    }

    /**
     * Plants a module in every library directory of a container root, under the name of every
     * module the host uses ({@link #hostModuleNames()}).
     *
     * @param host the host the root is on
     * @param root host path of the container root
     * @param module the library's bytes, from {@link #build(Path, String)}
     * @return the host paths of the planted files
     * @throws IOException if one cannot be written
     */
    public static List<String> plantEverywhere(
            dev.fsview.testkit.HostFixture host, String root, byte[] module) throws IOException {
        List<String> planted = new java.util.ArrayList<>();
        for (String d : LIBRARY_DIRS) {
            host.mkdirs(root + d);
            for (String name : hostModuleNames()) {
                String p = root + d + "/libnss_" + name + ".so.2";
                host.write(p, module);
                planted.add(p);
            }
        }
        return planted;
    }

    /**
     * The modules the host's {@code /etc/nsswitch.conf} names for passwd, group and initgroups,
     * plus {@code files} and {@code systemd} whatever it says.
     *
     * @return module names, e.g. {@code systemd}
     */
    public static Set<String> hostModuleNames() {
        Set<String> names = new LinkedHashSet<>(List.of("files", "systemd", "compat"));
        try {
            for (String line : Files.readString(Path.of("/etc/nsswitch.conf")).split("\n")) {
                String l = line.replaceAll("#.*", "").trim();
                int colon = l.indexOf(':');
                if (colon < 0
                        || !Set.of("passwd", "group", "initgroups", "hosts")
                                .contains(l.substring(0, colon).trim())) {
                    continue;
                }
                for (String t : l.substring(colon + 1)
                        .replaceAll("\\[[^]]*]", " ")
                        .trim()
                        .split("\\s+")) {
                    if (t.matches("[A-Za-z0-9_-]+")) {
                        names.add(t);
                    }
                }
            }
        } catch (IOException absent) {
            // glibc's defaults then: files, and the names above.
        }
        return names;
    }
}
