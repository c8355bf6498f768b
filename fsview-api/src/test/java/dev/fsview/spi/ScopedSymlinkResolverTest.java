package dev.fsview.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;

/**
 * The seed's FollowSymlinkInScope, as a table: a small tree inside the scope root {@code /r},
 * paths to resolve, and where they must end up.
 */
class ScopedSymlinkResolverTest {
    /** Directories and files are "entries"; symlinks map to their targets. */
    private final Map<String, String> links = new HashMap<>();

    private final Map<String, Boolean> entries = new HashMap<>();

    private final ScopeLookup lookup = path -> {
        if (links.containsKey(path)) {
            return links.get(path);
        }
        if (entries.containsKey(path)) {
            if (!entries.get(path)) {
                return null;
            }
            return null;
        }
        String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        if (entries.containsKey(parent) && !entries.get(parent)) {
            throw new FileSystemException(path, null, "Not a directory");
        }
        throw new NoSuchFileException(path);
    };

    ScopedSymlinkResolverTest() {
        dir("/r");
        dir("/r/etc");
        file("/r/etc/passwd");
        dir("/r/var");
        dir("/r/usr");
        dir("/r/usr/lib");
        link("/r/var/run", "/run"); // absolute: restarts at the scope root
        dir("/r/run");
        link("/r/lib", "usr/lib"); // relative, resolved from its directory
        link("/r/usr/lib/self", ".");
        link("/r/etc/up", "../../../../.."); // a ".." chain: clamped at the root
        link("/r/etc/escape", "../../../etc/shadow");
        link("/r/root-link", "/");
        link("/r/a", "b"); // a chain a -> b -> c -> /etc
        link("/r/b", "c");
        link("/r/c", "/etc");
        link("/r/dangling", "/nowhere/at/all");
        link("/r/loop1", "loop2");
        link("/r/loop2", "loop1");
        link("/r/selfloop", "selfloop");
        link("/r/etc/host-passwd", "/etc/passwd"); // looks like a host path: stays inside
    }

    private void dir(String p) {
        entries.put(p, true);
    }

    private void file(String p) {
        entries.put(p, false);
    }

    private void link(String p, String target) {
        links.put(p, target);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/r, /r",
        "/r/etc/passwd, /r/etc/passwd",
        "/r/var/run, /r/run",
        "/r/var/run/docker.sock, /r/run/docker.sock",
        "/r/lib, /r/usr/lib",
        "/r/lib/self/self/x, /r/usr/lib/x",
        "/r/etc/up, /r",
        "/r/etc/up/etc/passwd, /r/etc/passwd",
        "/r/etc/escape, /r/etc/shadow",
        "/r/root-link, /r",
        "/r/root-link/etc, /r/etc",
        "/r/a, /r/etc",
        "/r/a/passwd, /r/etc/passwd",
        "/r/dangling, /r/nowhere/at/all",
        "/r/missing/deeper, /r/missing/deeper",
        "/r/etc/../var/run/.., /r/var", // cleaned lexically before any link is read
        "/r//var///run/, /r/run",
        "/r/etc/host-passwd, /r/etc/passwd",
    })
    void resolvesInsideTheScope(String path, String expected) throws IOException {
        assertThat(ScopedSymlinkResolver.resolve(path, "/r", lookup)).isEqualTo(expected);
    }

    @Test
    void dotDotAfterALinkGoesUpFromTheLinksTargetNotFromTheLink() throws IOException {
        // /r/var/run -> /run, so /r/var/run/.. is the scope root, not /r/var (lexical on the
        // resolved prefix, as the seed does).
        assertThat(ScopedSymlinkResolver.resolve("/r/var/run/../etc", "/r", lookup))
                .isEqualTo("/r/var/etc"); // the path is cleaned first: var/run/.. is var
        links.put("/r/deep", "var/run");
        assertThat(ScopedSymlinkResolver.resolve("/r/deep/../etc", "/r", lookup))
                .isEqualTo("/r/etc");
    }

    @Test
    void withTheRealRootAsScopeAbsoluteLinksRestartAtSlash() throws IOException {
        links.put("/x", "/r/etc");
        assertThat(ScopedSymlinkResolver.resolve("/x/passwd", "/", lookup))
                .isEqualTo("/r/etc/passwd");
    }

    @Test
    void loopsExhaustTheLinkBudget() {
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/r/loop1", "/r", lookup))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Too many levels of symbolic links");
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/r/selfloop/x", "/r", lookup))
                .isInstanceOf(FileSystemException.class);
    }

    @Test
    void aLongChainWithinTheBudgetResolves() throws IOException {
        for (int i = 0; i < ScopedSymlinkResolver.MAX_LINKS - 1; i++) {
            links.put("/r/chain" + i, "chain" + (i + 1));
        }
        links.put("/r/chain" + (ScopedSymlinkResolver.MAX_LINKS - 1), "/etc");
        assertThat(ScopedSymlinkResolver.resolve("/r/chain0", "/r", lookup)).isEqualTo("/r/etc");
        links.put("/r/chain" + (ScopedSymlinkResolver.MAX_LINKS - 1), "chainlast");
        links.put("/r/chainlast", "/etc");
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/r/chain0", "/r", lookup))
                .hasMessageContaining("Too many levels of symbolic links");
    }

    @Test
    void manyComponentsWithoutLinksAreNotLimited() throws IOException {
        String deep = "/r" + "/d".repeat(1000);
        assertThat(ScopedSymlinkResolver.resolve(deep, "/r", lookup)).isEqualTo(deep);
    }

    @Test
    void aComponentThatIsNotADirectoryStopsTheResolution() {
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/r/etc/passwd/x", "/r", lookup))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Not a directory");
    }

    @Test
    void refusesAPathOutsideTheScope() {
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/other", "/r", lookup))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("/other is not in /r");
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/rx/etc", "/r", lookup))
                .isInstanceOf(IllegalArgumentException.class);
        // Cleaned first, as the seed's filepath.Abs does: this is /etc, outside the scope.
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("/r/../../etc", "/r", lookup))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopedSymlinkResolver.resolve("etc", "/r", lookup))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
