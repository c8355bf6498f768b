package dev.fsview.testkit.differential;

import dev.fsview.FsView;
import java.nio.file.Path;

/**
 * One of the two places a differential sequence runs: a plain directory of the JVM's default file
 * system (the reference: what the JDK does on Linux), or a view. Operations name paths relative to
 * the tree's top ({@code "a/b"}); a side turns them into its own paths, stores absolute link
 * targets its own way, and writes what it reports back in the view's terms, so that the two
 * sides' reports can be compared as strings.
 */
public interface Side {
    /**
     * Returns the side's path for a tree path.
     *
     * @param rel a path relative to the tree's top, e.g. {@code "a/b"}; {@code ""} for the top
     * @return the side's path
     */
    Path path(String rel);

    /**
     * Returns the side's path for a relative path, without making it absolute (for link targets).
     *
     * @param rel a relative path
     * @return a relative path of the side's file system
     */
    Path relative(String rel);

    /**
     * Returns what to store in a symlink so that it means {@code target} in the tree: an absolute
     * target is relative to the tree's top.
     *
     * @param target a link target as the tree means it
     * @return the target to store
     */
    String linkTarget(String target);

    /**
     * Rewrites something the side reported (a path, a link target, a message) in the view's
     * terms: the reference's top directory becomes {@code /}.
     *
     * @param reported what the side reported
     * @return the same in tree terms
     */
    String normalize(String reported);

    /**
     * The reference side: a directory of the JVM's default file system.
     *
     * @param top the directory
     * @return the side
     */
    static Side reference(Path top) {
        String base = top.toString();
        return new Side() {
            @Override
            public Path path(String rel) {
                return rel.isEmpty() ? top : top.resolve(rel);
            }

            @Override
            public Path relative(String rel) {
                return top.getFileSystem().getPath(rel);
            }

            @Override
            public String linkTarget(String target) {
                return target.startsWith("/") ? base + target : target;
            }

            @Override
            public String normalize(String reported) {
                return reported.replace(base + "/", "/").replace(base, "/");
            }

            @Override
            public String toString() {
                return "the JDK on " + base;
            }
        };
    }

    /**
     * The view side: the view's own file system, whose top is {@code /}.
     *
     * @param view the view
     * @return the side
     */
    static Side view(FsView view) {
        return new Side() {
            @Override
            public Path path(String rel) {
                return view.path("/" + rel);
            }

            @Override
            public Path relative(String rel) {
                return view.path(rel);
            }

            @Override
            public String linkTarget(String target) {
                return target;
            }

            @Override
            public String normalize(String reported) {
                return reported;
            }

            @Override
            public String toString() {
                return view.backend() + " view";
            }
        };
    }
}
