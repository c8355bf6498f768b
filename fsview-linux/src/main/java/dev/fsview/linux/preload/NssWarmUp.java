package dev.fsview.linux.preload;

import com.sun.jna.NativeLibrary;
import dev.fsview.linux.sys.Sys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads, before any view switches root, every glibc NSS module the host's
 * {@code /etc/nsswitch.conf} names for {@code passwd}, {@code group}, {@code hosts} and
 * {@code initgroups}. glibc loads a module the first time a lookup reaches it, with
 * {@code dlopen("libnss_NAME.so.2")} resolved against the calling thread's root: on a view thread
 * that is the container's {@code /lib}, and a planted module would run as root in the JVM.
 * Lookups under a name that exists nowhere reach every module of the passwd, group and initgroups
 * lines (each is loaded, or marked missing, for good); the modules of every line are also opened
 * by name here, so that a later {@code dlopen} by glibc finds the loaded library (matched by its
 * soname) without reading any path. Hosts lookups are not made: a miss would ask the network.
 */
final class NssWarmUp {
    private static final List<String> DATABASES = List.of("passwd", "group", "hosts",
            "initgroups");

    private NssWarmUp() {
    }

    static void run() {
        for (String module : modules(readConfig())) {
            try {
                NativeLibrary.getInstance("libnss_" + module + ".so.2");
            } catch (UnsatisfiedLinkError absent) {
                // Not installed on the host: the lookups below mark it missing in glibc.
            }
        }
        Sys.nssLookupsThatMiss("fsview-nss-warm-up-" + ProcessHandle.current().pid());
    }

    private static String readConfig() {
        try {
            return Files.readString(Path.of("/etc/nsswitch.conf"));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The module names of the databases fsview warms, in order of appearance.
     *
     * @param config the text of nsswitch.conf
     * @return the names, e.g. {@code systemd}, {@code sss}
     */
    static Set<String> modules(String config) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : config.split("\n")) {
            int hash = line.indexOf('#');
            String l = (hash < 0 ? line : line.substring(0, hash)).trim();
            int colon = l.indexOf(':');
            if (colon < 0 || !DATABASES.contains(l.substring(0, colon).trim())) {
                continue;
            }
            String rest = l.substring(colon + 1).replaceAll("\\[[^]]*]", " ");
            for (String token : rest.trim().split("\\s+")) {
                // files and dns are built into glibc 2.34+, separate modules before: all opened.
                if (token.matches("[A-Za-z0-9_-]+")) {
                    out.add(token);
                }
            }
        }
        return out;
    }
}
