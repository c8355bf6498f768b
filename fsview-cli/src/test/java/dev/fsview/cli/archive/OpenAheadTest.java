package dev.fsview.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Files opened ahead come back in archive order, each once, and none stays open after close. */
class OpenAheadTest {
    final Set<String> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger maxOpen = new AtomicInteger();

    /** A file whose stream records that it is open until closed. */
    Archive.Item file(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return new Archive.Item(new TarEntry(name, TarType.REGULAR, 0644, 0, 0, bytes.length,
                Instant.EPOCH, "", 0, 0), () -> {
                    open.add(name);
                    maxOpen.accumulateAndGet(open.size(), Math::max);
                    return new ByteArrayInputStream(bytes) {
                        @Override
                        public void close() {
                            open.remove(name);
                        }
                    };
                });
    }

    static Archive.Item dir(String name) {
        return new Archive.Item(new TarEntry(name, TarType.DIRECTORY, 0755, 0, 0, 0,
                Instant.EPOCH, "", 0, 0), null);
    }

    Archive archive(int files) {
        List<Archive.Item> items = new ArrayList<>();
        items.add(dir("top"));
        for (int i = 0; i < files; i++) {
            items.add(file("top/f" + i));
            if (i % 10 == 0) {
                items.add(dir("top/d" + i));
            }
        }
        return new Archive(items);
    }

    @Test
    void contentComesBackInOrderAndAtMostDepthFilesAreOpenAhead() throws IOException {
        Archive source = archive(200);
        List<String> read = new ArrayList<>();
        try (OpenAhead ahead = OpenAhead.of(source, 3, 8)) {
            Archive a = ahead.archive();
            assertThat(a.items()).extracting(Archive.Item::entry)
                    .isEqualTo(source.items().stream().map(Archive.Item::entry).toList());
            for (Archive.Item item : a.items()) {
                if (item.content() != null) {
                    try (InputStream in = item.content().open()) {
                        read.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("top/f" + i);
        }
        assertThat(read).isEqualTo(expected);
        assertThat(maxOpen.get()).isBetween(1, 1 + 8);
        assertThat(open).isEmpty();
    }

    @Test
    void aRefusalReachesTheReaderAsTheSameExceptionAndTheRestGoesOn() throws IOException {
        FileSystemException refused = new FileSystemException("top/b", null, "Not a regular file");
        List<Archive.Item> items = new ArrayList<>(List.of(file("top/a"),
                new Archive.Item(file("top/b").entry(), () -> {
                    throw refused;
                }), file("top/c")));
        try (OpenAhead ahead = OpenAhead.of(new Archive(items), 2, 4)) {
            List<Archive.Item> a = ahead.archive().items();
            a.get(0).content().open().close();
            assertThatThrownBy(() -> a.get(1).content().open()).isSameAs(refused);
            try (InputStream in = a.get(2).content().open()) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("top/c");
            }
        }
        assertThat(open).isEmpty();
    }

    @Test
    void closingPartWayClosesEveryFileOpenedAheadAndRefusesMore() throws IOException {
        Archive.Content first;
        try (OpenAhead ahead = OpenAhead.of(archive(100), 2, 16)) {
            first = ahead.archive().items().get(1).content();
            first.open().close(); // a failure after the first file: the rest is never taken
        }
        assertThat(maxOpen.get()).isGreaterThan(1); // files were open ahead ...
        assertThat(open).isEmpty();                // ... and closed
        assertThatThrownBy(first::open).isInstanceOf(IOException.class)
                .hasMessage("the copy was ended");
    }
}
