package dev.fsview.linux.preload;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;

import dev.fsview.linux.sys.Sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The libraries are opened with {@code RTLD_NODELETE} and held for the JVM's life: JNA keeps
 * its {@link NativeLibrary} instances weakly and {@code dlclose}s them when collected, and a module
 * unloaded again would be loaded from the container at the next lookup in a view. The
 * configuration is read, and the lookups made, on a host thread before any view exists: glibc
 * then remembers the host's root and, when a view thread's root differs, never reloads
 * {@code nsswitch.conf} (the container's) again.
 */
final class NssWarmUp {
    private static final List<String> DATABASES = List.of("passwd", "group", "hosts", "initgroups");
    /** dlopen flags: bind now, and never unload (a later dlclose is a no-op). */
    private static final int RTLD_NOW = 0x2;

    private static final int RTLD_NODELETE = 0x1000;
    /** Strong references: a collected NativeLibrary would dlclose its module. */
    private static final List<NativeLibrary> HELD = new ArrayList<>();

    private NssWarmUp() {}

    /**
     * Loads the modules and makes the lookups; call once, on a host thread.
     *
     * @return the sonames loaded (for diagnostics and tests)
     */
    static synchronized List<String> run() {
        List<String> loaded = new ArrayList<>();
        for (String module : modules(readConfig())) {
            String soname = "libnss_" + module + ".so.2";
            try {
                HELD.add(NativeLibrary.getInstance(
                        soname, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_NODELETE)));
                loaded.add(soname);
            } catch (UnsatisfiedLinkError absent) {
                // Not installed on the host (or built into libc, glibc 2.34+ for files and dns):
                // the lookups below mark a missing module missing in glibc for good.
            }
        }
        Sys.nssLookupsThatMiss("fsview-nss-warm-up-" + ProcessHandle.current().pid());
        return loaded;
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
