package dev.fsview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Issue 11: the CLI runs nothing on a view's thread (whose root is the container, where a lazily
 * loaded class or NSS module would be the container's): it uses only the view's
 * {@link java.nio.file.FileSystem} and {@code stat}, never a task ({@code call}, {@code run},
 * {@code start}), a {@code ViewContext} or the SPI's hand-over. Checked on the compiled classes.
 */
class NoViewThreadCodeTest {
    /** A call of a task method of FsView, a ViewContext, or the SPI's dispatch, in javap -c. */
    static final Pattern VIEW_THREAD =
            Pattern.compile("Method dev/fsview/FsView\\.(call|run|start):"
                    + "|dev/fsview/ViewContext|dev/fsview/ViewCallable|dev/fsview/ViewTask"
                    + "|dev/fsview/spi/AbstractFsView\\.dispatch|dev/fsview/spi/dispatch/");

    @Test
    void noClassOfTheCliHandsAnythingToAViewThread() throws Exception {
        Path classes = classesDirectory();
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(classes)) {
            all.filter(p -> p.toString().endsWith(".class")).forEach(p -> files.add(p.toString()));
        }
        assertThat(files).as("classes of fsview-cli").hasSizeGreaterThan(50);
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        args.addAll(files);
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap")
                .orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), args.toArray(new String[0]));
        assertThat(status).as(out.toString()).isZero();
        List<String> hits = new ArrayList<>();
        String current = "";
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("Compiled from")
                    || line.matches(
                            "^(public |final |abstract )*" + "(class|interface|enum|record) .*")) {
                current = line;
            }
            if (VIEW_THREAD.matcher(line).find()) {
                hits.add(current + ": " + line.trim());
            }
        }
        // the pattern does find such calls: javap of a class that makes one
        assertThat(VIEW_THREAD
                        .matcher(
                                "invokeinterface #7  // InterfaceMethod "
                                        + "dev/fsview/FsView.call:(Ldev/fsview/ViewCallable;)Ljava/lang/Object;")
                        .find())
                .isTrue();
        assertThat(hits).isEmpty();
    }

    private static Path classesDirectory() throws URISyntaxException {
        return Path.of(
                Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
