package dev.fsview.testkit.process;

import dev.fsview.testkit.HostProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the kit's test process on Linux: {@code agent.c} (a resource next to this class),
 * compiled once per JVM with {@code gcc -static}, so that it runs in a root that holds no libc.
 * The agent enters a mount namespace of its own, mounts a private tmpfs on {@code ROOT/tmp}, binds
 * the volume onto {@code ROOT/data}, chroots and reports {@code "ready PID"}; see
 * {@link HostProcess} for what it then does. It dies with the JVM ({@code PR_SET_PDEATHSIG}), and
 * its mounts die with its namespace, so nothing is left on the host.
 */
public final class ProcessAgent {
    private static Path binary;

    private ProcessAgent() {}

    /**
     * Starts the agent with {@code root} as its root and {@code volume} bound on {@code /data}.
     * Creates {@code ROOT/tmp} and {@code ROOT/data} if missing.
     *
     * @param root the process's root directory on the host
     * @param volume a host directory
     * @return the running process, ready
     * @throws IOException if gcc is missing, compiling failed or the agent did not get ready
     */
    public static HostProcess start(Path root, Path volume) throws IOException {
        Path agent = binary();
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("data"));
        Process p = new ProcessBuilder(agent.toString(), root.toString(), volume.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready ")) {
            p.destroyForcibly();
            waitFor(p);
            throw new IOException("the test process did not get ready (exit "
                    + (p.isAlive() ? "?" : p.exitValue()) + "): " + line);
        }
        return new Agent(p, Long.parseLong(line.substring(6).trim()));
    }

    private static synchronized Path binary() throws IOException {
        if (binary != null) {
            return binary;
        }
        Path dir = Files.createTempDirectory("fsview-agent-");
        Path source = dir.resolve("agent.c");
        try (InputStream in = ProcessAgent.class.getResourceAsStream("agent.c")) {
            if (in == null) {
                throw new IOException("agent.c is missing from the testkit jar");
            }
            Files.copy(in, source);
        }
        Path out = dir.resolve("agent");
        Process gcc = new ProcessBuilder(
                        List.of("gcc", "-static", "-O2", "-o", out.toString(), source.toString()))
                .redirectErrorStream(true)
                .start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(gcc) != 0) {
            throw new IOException("gcc -static failed to build the test process: " + log);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(source);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // A temp file left at exit is harmless.
            }
        }));
        binary = out;
        return out;
    }

    private static int waitFor(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The running agent. */
    private static final class Agent implements HostProcess {
        private final Process process;
        private final long pid;

        Agent(Process process, long pid) {
            this.process = process;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close(); // the agent's cue to exit
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                waitFor(process);
            } catch (IOException e) {
                process.destroyForcibly();
                waitFor(process);
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
