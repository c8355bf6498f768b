package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The view thread is the only thread in the view's mount namespace: using a view (tasks, the NIO
 * file system, stat, chdir, a failed task) starts no helper thread from inside it, which would keep
 * the namespace alive after close.
 */
class ThreadsTest extends ViewFixture {

    @Test
    void usingAViewStartsNoThreadInsideItsNamespace() throws Exception {
        Path root = dir("root");
        Files.writeString(root.resolve("f"), "x");
        try (FsView view = open(ViewSpec.builder(root).build())) {
            view.call(ctx -> Files.readString(ctx.path("/f")));
            Files.readString(view.path("/f"));
            view.stat("/f");
            view.chdir("/");
            Files.getFileStore(view.path("/f")).getTotalSpace();
            try {
                view.run(ctx -> Files.delete(Path.of("/missing")));
            } catch (java.nio.file.NoSuchFileException expected) {
                // a failing task
            }
            Set<String> inViews = Set.copyOf(HostState.threadsInOtherMountNamespaces());
            assertThat(inViews).hasSize(1);
            assertThat(inViews.stream().collect(Collectors.joining()))
                    .startsWith("fsview-view-lin");
        }
    }
}
