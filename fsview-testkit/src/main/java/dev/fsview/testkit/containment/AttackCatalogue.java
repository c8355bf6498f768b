package dev.fsview.testkit.containment;

import static dev.fsview.testkit.containment.Attack.onDirectory;
import static dev.fsview.testkit.containment.Attack.onFile;

import java.util.List;

/**
 * The hostile layouts every entry point is attacked through. Each is a container root (and
 * sometimes a volume) planted by an adversary so that a path resolved on the host, instead of
 * inside the root, would reach the canaries in the scene's {@code outside} directory (or create
 * something in the base directory next to the root). In the notes, {@code O} is the canary
 * directory's host path and {@code ../..} a climb of forty levels.
 */
public final class AttackCatalogue {
    private AttackCatalogue() {}

    /**
     * Returns every attack.
     *
     * @return the catalogue, in a stable order, names unique
     */
    public static List<Attack> all() {
        return List.of(
                // absolute symlinks to host paths
                onDirectory(
                        "absolute link to the outside directory",
                        s -> "/esc",
                        s -> s.link("/esc", s.outside())),
                onFile(
                        "absolute link to an outside file",
                        s -> "/esc",
                        s -> s.link("/esc", s.outside() + "/secret")),
                onDirectory(
                        "absolute link in a subdirectory",
                        s -> "/d/e",
                        s -> s.link("/d/e", s.outside())),
                onFile(
                        "absolute link to an outside file in a subdirectory",
                        s -> "/d/e",
                        s -> s.link("/d/e", s.outside() + "/dir/secret")),
                onDirectory(
                        "absolute link to the base directory",
                        s -> "/b/" + s.outsideName(),
                        s -> s.link("/b", s.base())),
                onDirectory(
                        "absolute link to the root's own host path, then ..",
                        s -> "/self/../" + s.outsideName(),
                        s -> s.link("/self", s.root())),
                onDirectory(
                        "absolute target with a .. chain",
                        s -> "/e",
                        s -> s.link("/e", "/../../../../../.." + s.outside())),
                onDirectory(
                        "absolute target whose .. leaves the outside directory and returns",
                        s -> "/e",
                        s -> s.link("/e", s.outside() + "/dir/../../" + s.outsideName())),
                // .. chains
                onDirectory(
                        ".. chain in the path from the root",
                        s -> "/" + s.climb() + s.outsideRelative(),
                        s -> {}),
                onDirectory(
                        ".. chain in the path from a subdirectory",
                        s -> "/sub/deeper/" + s.climb() + s.outsideRelative(),
                        s -> s.dir("/sub/deeper")),
                onDirectory(
                        "relative link climbing to the outside directory",
                        s -> "/esc",
                        s -> s.link("/esc", s.climb() + s.outsideRelative())),
                onFile(
                        "relative link climbing to an outside file",
                        s -> "/esc",
                        s -> s.link("/esc", s.climb() + s.outsideRelative() + "/secret")),
                onDirectory(
                        "relative link climbing from deep down",
                        s -> "/a/b/c/d/l",
                        s -> s.link("/a/b/c/d/l", s.climb() + s.outsideRelative())),
                onDirectory(
                        "link to .. then the outside directory's name",
                        s -> "/up/" + s.outsideName(),
                        s -> s.link("/up", "..")),
                onDirectory(
                        "link to ../../.. from a subdirectory",
                        s -> "/a/b/up/" + s.outsideName(),
                        s -> s.link("/a/b/up", "../../..")),
                onDirectory(
                        "link in a subdirectory to its grandparent's sibling",
                        s -> "/d/e",
                        s -> s.link("/d/e", "../../" + s.outsideName())),
                onDirectory(
                        "relative target full of . and ..",
                        s -> "/d/l",
                        s -> s.link("/d/l", "./.././" + s.climb() + "./" + s.outsideRelative())),
                onDirectory(
                        "path too long to resolve",
                        s -> "/" + "../".repeat(1500) + s.outsideRelative(),
                        s -> {}),
                // links to /
                onDirectory(
                        "link to /, then the outside directory",
                        s -> "/slash" + s.outside(),
                        s -> s.link("/slash", "/")),
                onDirectory(
                        "link to /, then a .. chain",
                        s -> "/slash/" + s.climb() + s.outsideRelative(),
                        s -> s.link("/slash", "/")),
                onDirectory(
                        "link to /../../.. then the outside directory",
                        s -> "/slash" + s.outside(),
                        s -> s.link("/slash", "/../../..")),
                // chains
                onDirectory("chain of relative links ending outside", s -> "/l1", s -> {
                    s.link("/l1", "l2");
                    s.link("/l2", "l3");
                    s.link("/l3", s.outside());
                }),
                onDirectory("absolute link to a link that climbs", s -> "/l1", s -> {
                    s.link("/l1", "/l2");
                    s.link("/l2", s.climb() + s.outsideRelative());
                }),
                onDirectory("chain of 41 links ending outside", s -> "/h0", s -> {
                    for (int i = 0; i < 41; i++) {
                        s.link("/h" + i, "h" + (i + 1));
                    }
                    s.link("/h41", s.outside());
                }),
                onDirectory("directory whose entries are links outside", s -> "/d", s -> {
                    s.link("/d/secret", s.outside() + "/secret");
                    s.link("/d/dir", s.outside() + "/dir");
                }),
                // loops
                onDirectory("link to itself", s -> "/loop", s -> s.link("/loop", "loop")),
                onDirectory("two links pointing at each other", s -> "/ping", s -> {
                    s.link("/ping", "pong");
                    s.link("/pong", "/ping");
                }),
                onDirectory("loop through a directory", s -> "/d/l", s -> s.link("/d/l", "../d/l")),
                onDirectory(
                        "loop, then a .. chain",
                        s -> "/loop/" + s.climb() + s.outsideRelative(),
                        s -> s.link("/loop", "loop")),
                // dangling links
                onFile(
                        "dangling absolute link into the outside directory",
                        s -> "/dang",
                        s -> s.link("/dang", s.outside() + "/created-by-attack")),
                onFile(
                        "dangling relative link into the outside directory",
                        s -> "/dang",
                        s -> s.link(
                                "/dang", s.climb() + s.outsideRelative() + "/created-by-attack")),
                onDirectory(
                        "dangling link to a directory in the outside directory",
                        s -> "/dang",
                        s -> s.link("/dang", s.outside() + "/newdir")),
                onFile(
                        "dangling link into the base directory",
                        s -> "/dang",
                        s -> s.link("/dang", "../created-in-base")),
                // magic links
                onDirectory(
                        "link through /proc/self/root",
                        s -> "/p",
                        s -> s.link("/p", "/proc/self/root" + s.outside())),
                onDirectory(
                        "link through /proc/thread-self/root",
                        s -> "/p",
                        s -> s.link("/p", "/proc/thread-self/root" + s.outside())),
                onDirectory(
                        "container /proc/self linking to the host's",
                        s -> "/proc/self/root" + s.outside(),
                        s -> s.link("/proc/self", s.climb() + "proc/self")),
                // spelling of the probe
                onDirectory(
                        "probe with a trailing slash",
                        s -> "/esc/",
                        s -> s.link("/esc", s.outside())),
                onDirectory(
                        "probe with . components",
                        s -> "/./esc/./",
                        s -> s.link("/esc", s.outside())),
                onDirectory(
                        "probe with doubled slashes",
                        s -> "//esc//",
                        s -> s.link("/esc", s.outside())),
                onDirectory("relative probe", s -> "esc", s -> s.link("/esc", s.outside())),
                // links inside volumes
                onDirectory(
                        "absolute link inside a volume",
                        s -> "/data/esc",
                        s -> s.volumeLink("/esc", s.outside())),
                onDirectory(
                        "climbing link inside a volume",
                        s -> "/data/up",
                        s -> s.volumeLink("/up", s.climb() + s.outsideRelative())),
                onDirectory(
                        "link to .. inside a volume",
                        s -> "/data/up/" + s.outsideName(),
                        s -> s.volumeLink("/up", "..")),
                // links in mount destinations (and in volume sources inside the root)
                onDirectory(
                        "mount destination below an absolute link",
                        s -> "/mnt/target",
                        s -> s.link("/mnt", s.outside())),
                onDirectory(
                        "deep mount destination below an absolute link",
                        s -> "/var2/lib/vol",
                        s -> s.link("/var2", s.outside())),
                onDirectory(
                        "mount destination below a climbing link",
                        s -> "/run2/app",
                        s -> s.link("/run2", s.climb() + s.outsideRelative())),
                onFile(
                        "file destination that is a link to an outside file",
                        s -> "/f",
                        s -> s.link("/f", s.outside() + "/secret")),
                onDirectory(
                        "destination with a lexical .. chain",
                        s -> "/x/" + s.climb() + s.outsideRelative() + "/dir",
                        s -> {}));
    }
}
