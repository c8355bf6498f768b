package dev.fsview.cli.e2e;

import dev.fsview.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs fsview in this JVM, as the shell would, and captures what it printed. */
final class Cli {
    private final List<String> prefix;

    private Cli(List<String> prefix) {
        this.prefix = prefix;
    }

    /** fsview with these options before every command, e.g. --root, --mount, --backend. */
    static Cli with(String... options) {
        return new Cli(List.of(options));
    }

    Cli and(String... more) {
        List<String> p = new ArrayList<>(prefix);
        p.addAll(Arrays.asList(more));
        return new Cli(p);
    }

    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    Result runWithInput(byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(Arrays.asList(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                all.toArray(new String[0]),
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** What one run left: its exit status and its two streams. */
    record Result(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out() + "--- stderr\n" + stderr;
        }
    }
}
