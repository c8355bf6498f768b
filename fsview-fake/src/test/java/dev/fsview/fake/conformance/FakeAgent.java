package dev.fsview.fake.conformance;

import dev.fsview.MountSpec;
import dev.fsview.fake.FakeHost;
import dev.fsview.fake.FakeProcess;
import dev.fsview.testkit.HostProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * The kit's test process on the fake host: a {@link FakeProcess} with a tmpfs on {@code /tmp} and
 * the volume bound on {@code /data}, and a thread ({@code fsview-testkit-fake-agent}) that does what
 * the Linux agent does: answer each {@code ping} with a {@code pong}, until killed or closed.
 */
final class FakeAgent implements HostProcess {
    private final FakeProcess process;
    private final Thread thread;
    private volatile boolean stop;

    private FakeAgent(FakeProcess process) {
        this.process = process;
        this.thread = new Thread(this::loop, "fsview-testkit-fake-agent-" + process.pid());
        thread.setDaemon(true);
    }

    static FakeAgent start(FakeHost host, String root, String volume) throws IOException {
        host.mkdirs(root + "/tmp");
        host.mkdirs(root + "/data");
        FakeProcess p = host.spawn(
                root,
                MountSpec.tmpfs("/tmp").build(),
                MountSpec.bind(volume, "/data").writable().build());
        p.write("/tmp/hello", "hello from " + p.pid());
        FakeAgent agent = new FakeAgent(p);
        agent.thread.start();
        return agent;
    }

    private void loop() {
        while (!stop && process.isAlive()) {
            answer("/tmp");
            answer("/data");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void answer(String dir) {
        try {
            String ping = new String(process.read(dir + "/ping"), StandardCharsets.UTF_8);
            try {
                process.read(dir + "/pong");
            } catch (NoSuchFileException notYet) {
                process.write(dir + "/.pong", "pong:" + ping);
                process.rename(dir + "/.pong", dir + "/pong");
            }
        } catch (NoSuchFileException noPing) {
            // nothing to answer yet
        } catch (IOException e) {
            throw new IllegalStateException("the fake agent of " + process + " failed", e);
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void kill() throws InterruptedException {
        stop = true;
        thread.join();
        process.exit();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.exit();
        }
    }
}
