package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fsview.FsView;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A FIFO planted in the container and opened through the view's file system blocks only the
 * thread that opened it, as on the host: other callers of the same view, {@code stat}, tasks and
 * {@code close()} go on. (A backend that opened files on a shared view thread would hang the
 * whole view on one planted FIFO.) On the fake, FIFOs are inert and the open fails at once.
 */
public abstract class FifoContract extends ViewContract {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void aFifoOpenedThroughTheFileSystemBlocksOnlyItsCaller() throws Exception {
        String root = dir("root");
        file(root + "/f", "hello");
        host.mkfifo(root + "/pipe");
        FsView view = open(root);
        CompletableFuture<Object> reader = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try (InputStream in = Files.newInputStream(view.path("/pipe"))) {
                        reader.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException | RuntimeException e) {
                        reader.complete(e);
                    }
                },
                "fifo-opener");
        opener.setDaemon(true);
        opener.start();
        // Long enough for the opener to be inside open(2); if it is not yet, the rest still runs.
        Thread.sleep(300);

        assertTimeoutPreemptively(
                LIMIT,
                () -> {
                    assertThat(view.stat("/f").size()).isEqualTo(5);
                    assertThat(view.stat("/pipe").type().toString()).isEqualTo("FIFO");
                    CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
                        try {
                            return Files.readString(view.path("/f"));
                        } catch (IOException e) {
                            return e.toString();
                        }
                    });
                    assertThat(other.get(LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello");
                    try (Stream<java.nio.file.Path> list = Files.list(view.path("/"))) {
                        assertThat(list.map(p -> p.getFileName().toString())
                                        .sorted()
                                        .toList())
                                .containsAll(List.of("f", "pipe"));
                    }
                    String ran = view.call(ctx -> "task ran");
                    assertThat(ran).isEqualTo("task ran");
                },
                "other callers, stat and tasks of the view went on while a FIFO open blocked");
        assertTimeoutPreemptively(LIMIT, view::close, "close() went on");

        // Release the opener, if it is still blocked, by opening the FIFO for writing on the host.
        if (opener.isAlive()) {
            Thread writer = new Thread(
                    () -> {
                        try {
                            host.write(root + "/pipe", "x".getBytes(StandardCharsets.UTF_8));
                        } catch (IOException ignored) {
                            // The opener's result says what happened.
                        }
                    },
                    "fifo-writer");
            writer.setDaemon(true);
            writer.start();
            writer.join(LIMIT.toMillis());
        }
        opener.join(LIMIT.toMillis());
        assertThat(opener.isAlive()).as("the FIFO's opener was released").isFalse();
        // Linux: what the host wrote; the fake: its inert FIFO's failure to open.
        assertThat(reader.getNow(null)).isNotNull();
    }
}
