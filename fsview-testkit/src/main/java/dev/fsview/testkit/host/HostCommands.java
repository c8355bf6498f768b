package dev.fsview.testkit.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a host command (mount, umount, mkfifo) to its end, failing with its output. */
final class HostCommands {
    private static final long TIMEOUT_SECONDS = 30;

    private HostCommands() {}

    static void run(String... command) throws IOException {
        output(command);
    }

    /** Runs a command and returns its output (stdout and stderr). */
    static String output(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        int status = waitFor(p, String.join(" ", command));
        if (status != 0) {
            throw new IOException(
                    String.join(" ", command) + " failed (exit " + status + "): " + output);
        }
        return output;
    }

    private static int waitFor(Process p, String commandLine) throws IOException {
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + commandLine);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + commandLine, e);
        }
    }
}
