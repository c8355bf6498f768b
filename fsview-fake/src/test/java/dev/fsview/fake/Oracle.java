package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The real kernel as the fake's oracle: the same NIO operation runs on a real temporary directory
 * through the JDK's own file system and on a fake view whose root holds a directory at the very
 * same absolute path, so results and exception messages can be compared as they are. On Linux
 * both halves run and must agree; elsewhere (macOS) only the fake half runs, and the test's own
 * expectation still applies to it.
 */
public final class Oracle implements AutoCloseable {
    /** Whether the real half runs: only Linux's kernel is the reference. */
    public static final boolean LINUX =
            System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");

    /** How often the real half is asked again after EAGAIN. */
    private static final int MAX_RETRIES = 5;

    private final Path realBase;
    private final FakeHost host = new FakeHost();
    private final FsView view;
    private final Path fakeBase;

    /**
     * Mirrors a real temporary directory into a fake view.
     *
     * @param realBase an empty real directory (a JUnit {@code @TempDir})
     * @throws IOException if the view cannot be opened
     */
    public Oracle(Path realBase) throws IOException {
        this.realBase = realBase.toAbsolutePath();
        host.mkdirs("/srv/root" + this.realBase);
        this.view = host.open(ViewSpec.builder("/srv/root").build());
        this.fakeBase = view.path(this.realBase.toString());
    }

    /** @return the fake host */
    public FakeHost host() {
        return host;
    }

    /** @return the fake view */
    public FsView view() {
        return view;
    }

    /** @return the base directory in the fake view (same absolute path as the real one) */
    public Path fakeBase() {
        return fakeBase;
    }

    /** An operation on a base directory. */
    @FunctionalInterface
    public interface Op {
        /**
         * Runs.
         *
         * @param base the base directory of one world
         * @return a result to compare (normalized by {@link #describe(Object)})
         * @throws Exception what it throws is compared too
         */
        Object run(Path base) throws Exception;
    }

    /**
     * Runs a step on both worlds, requiring both to succeed (setting up a tree).
     *
     * @param op the step
     * @throws Exception if either fails
     */
    public void both(Op op) throws Exception {
        op.run(fakeBase);
        if (LINUX) {
            op.run(realBase);
        }
    }

    /**
     * Runs an operation on both worlds and requires the same outcome: the same value, or the
     * same exception type with the same message (which holds the paths and the reason).
     *
     * @param op the operation
     * @return the fake's outcome, for further assertions
     */
    public Outcome same(Op op) {
        Outcome fake = Outcome.of(op, fakeBase);
        if (LINUX) {
            Outcome real = Outcome.of(op, realBase);
            // EAGAIN is the oracle's hiccup, not its answer: ext4 gave it once, in a full build,
            // for a getxattr of a missing name (ENODATA in 20,000 tries right after). The call
            // did nothing, so it is asked again; the fake never answers EAGAIN.
            for (int retry = 0;
                    retry < MAX_RETRIES && !fake.equals(real) && isEagain(real);
                    retry++) {
                real = Outcome.of(op, realBase);
            }
            assertThat(fake).as("fake vs real kernel").isEqualTo(real);
        }
        return fake;
    }

    private static boolean isEagain(Outcome o) {
        return o.message() != null && o.message().endsWith("Resource temporarily unavailable");
    }

    @Override
    public void close() throws IOException {
        view.close();
    }

    /**
     * Makes results comparable across the two worlds: paths as strings, arrays by content, lists
     * and streams element by element.
     *
     * @param value a result
     * @return a comparable form
     */
    public static Object describe(Object value) {
        if (value instanceof Path) {
            return value.toString();
        }
        if (value instanceof byte[]) {
            return Arrays.toString((byte[]) value);
        }
        if (value instanceof Stream) {
            try (Stream<?> s = (Stream<?>) value) {
                return describe(s.toArray());
            }
        }
        if (value instanceof Object[]) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) value) {
                out.add(describe(o));
            }
            return out;
        }
        if (value instanceof Collection && !(value instanceof java.util.Set)) {
            return describe(((Collection<?>) value).toArray());
        }
        return value;
    }

    /**
     * What an operation did: a value or an exception.
     *
     * @param value the normalized value, or null
     * @param thrown the exception's class name, or null
     * @param message the exception's message, or null
     */
    public record Outcome(Object value, String thrown, String message) {
        static Outcome of(Op op, Path base) {
            try {
                return new Outcome(describe(op.run(base)), null, null);
            } catch (Exception e) {
                return new Outcome(null, e.getClass().getName(), e.getMessage());
            }
        }

        /**
         * Asserts the operation threw.
         *
         * @param type the exception type
         * @param reason the text the message ends with (the reason), or null for any
         * @return this outcome
         */
        public Outcome threw(Class<? extends Exception> type, String reason) {
            assertThat(thrown).as("exception of " + this).isEqualTo(type.getName());
            if (reason != null) {
                assertThat(message).endsWith(reason);
            }
            return this;
        }

        /**
         * Asserts the operation returned a value.
         *
         * @param expected the normalized value
         * @return this outcome
         */
        public Outcome returned(Object expected) {
            assertThat(thrown).as("no exception, but " + message).isNull();
            assertThat(value).isEqualTo(describe(expected));
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome
                    && Objects.equals(value, ((Outcome) o).value)
                    && Objects.equals(thrown, ((Outcome) o).thrown)
                    && Objects.equals(message, ((Outcome) o).message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, thrown, message);
        }
    }

    /**
     * The sorted names below a directory, with a type letter, not following links: a tree's shape.
     *
     * @param dir a directory
     * @return e.g. {@code ["d a", "f a/x", "l b"]}
     * @throws IOException if it cannot be walked
     */
    public static List<String> tree(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                char type = Files.isSymbolicLink(p)
                        ? 'l'
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? 'd' : 'f';
                out.add(type + " " + dir.relativize(p));
            }
        }
        out.sort(null);
        return out;
    }
}
