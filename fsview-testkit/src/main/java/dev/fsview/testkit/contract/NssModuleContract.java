package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.testkit.host.NssModules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Owner and group lookups never load code from the container: a glibc NSS module, built by the
 * test, is planted in the container's library directories under every module name the host's
 * {@code nsswitch.conf} uses; then the owners of files whose ids no database lists are read through
 * every entry point of the view. The module's constructor would create a marker file (on the host,
 * or inside the container when it ran on a thread whose root is the container); neither may
 * exist, and no file of the container may be mapped into the JVM.
 */
public abstract class NssModuleContract extends ViewContract {
    private static final int UNKNOWN_ID = 54_321;

    @TempDir
    Path work;

    @Test
    void ownerLookupsOfUnknownIdsNeverLoadAModuleFromTheContainer() throws Exception {
        String marker = work.resolve("nss-module-was-loaded").toString();
        byte[] module = NssModules.build(work, marker);
        String root = dir("root");
        List<String> planted = new ArrayList<>();
        for (String d : NssModules.LIBRARY_DIRS) {
            host.mkdirs(root + d);
            for (String name : NssModules.hostModuleNames()) {
                String p = root + d + "/libnss_" + name + ".so.2";
                host.write(p, module);
                planted.add(p);
            }
        }
        file(root + "/owned", "x");
        host.mkdirs(parent(root + marker));

        try (FsView view = open(root)) {
            Path owned = view.path("/owned");
            Files.setAttribute(owned, "unix:uid", UNKNOWN_ID);
            Files.setAttribute(owned, "unix:gid", UNKNOWN_ID);
            List<String> seen = new ArrayList<>();
            seen.add(Files.getOwner(owned).getName());
            seen.add(Files.getOwner(owned, LinkOption.NOFOLLOW_LINKS).getName());
            seen.add(String.valueOf(Files.readAttributes(owned, "posix:*").get("owner")));
            seen.add(String.valueOf(Files.readAttributes(owned, "posix:*").get("group")));
            seen.add(String.valueOf(Files.readAttributes(owned, "unix:*").get("owner")));
            seen.add(String.valueOf(
                    Files.readAttributes(owned, "unix:owner,group").get("group")));
            PosixFileAttributes a = Files.readAttributes(owned, PosixFileAttributes.class);
            seen.add(a.owner().getName());
            seen.add(a.group().getName());
            PosixFileAttributes v = Files.getFileAttributeView(owned, PosixFileAttributeView.class)
                    .readAttributes();
            seen.add(v.owner().getName());
            seen.add(v.group().getName());
            seen.add(Files.getFileAttributeView(owned, PosixFileAttributeView.class)
                    .getOwner()
                    .getName());
            seen.add(String.valueOf(view.stat("/owned").size()));
            assertThat(seen)
                    .as("owner and group names of ids the container does not list")
                    .containsOnly(String.valueOf(UNKNOWN_ID), "1");
        }
        assertThat(Path.of(marker))
                .as("marker of the planted module, on the host")
                .doesNotExist();
        assertThat(host.exists(root + marker))
                .as("marker of the planted module, in the container")
                .isFalse();
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        for (String line : maps) {
            assertThat(line)
                    .as("a file of the container root mapped into the JVM")
                    .doesNotContain(root + "/");
        }
        for (String p : planted) {
            Object ino = inode(p);
            if (ino != null) {
                for (String line : maps) {
                    String[] f = line.trim().split("\\s+");
                    assertThat(f.length > 5
                                    && f[4].equals(ino.toString())
                                    && f[5].endsWith(Path.of(p).getFileName().toString()))
                            .as("planted module %s mapped: %s", p, line)
                            .isFalse();
                }
            }
        }
    }

    /** The inode of a host path when the host is this machine's file system, else null. */
    private static Object inode(String hostPath) {
        try {
            return Files.getAttribute(Path.of(hostPath), "unix:ino");
        } catch (IOException | RuntimeException notAFileOfThisMachine) {
            return null;
        }
    }
}
