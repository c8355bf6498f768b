package dev.fsview.testkit.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A real loop device over a temporary file ({@code losetup -f --show}), for the {@code nodev}
 * contract: a node in a container with the loop device's major:minor is what an attacker plants to
 * read or write a host disk. {@link #close()} detaches it ({@code losetup -d}) and deletes the file,
 * so {@code losetup -a} lists nothing of the kit's after a run.
 */
public final class LoopDevice implements AutoCloseable {
    private static final String[] LOSETUP_DIRS = {"/usr/sbin", "/sbin", "/usr/bin", "/bin"};

    private final Path backing;
    private final String device;
    private final int major;
    private final int minor;

    private LoopDevice(Path backing, String device, int major, int minor) {
        this.backing = backing;
        this.device = device;
        this.major = major;
        this.minor = minor;
    }

    /**
     * Says whether {@code losetup} is installed (util-linux, or busybox), in the usual places.
     *
     * @return {@code true} if it is
     */
    public static boolean available() {
        return Arrays.stream(LOSETUP_DIRS).anyMatch(d -> Files.isExecutable(Path.of(d, "losetup")));
    }

    /**
     * Attaches a loop device to a new temporary file of 64 KiB filled with a marker byte.
     *
     * @param marker the byte every block of the backing file holds
     * @return the device
     * @throws IOException if losetup fails (e.g. without root or /dev/loop-control)
     */
    public static LoopDevice attach(byte marker) throws IOException {
        Path file = Files.createTempFile("fsview-testkit-loop-", ".img");
        byte[] content = new byte[64 * 1024];
        Arrays.fill(content, marker);
        Files.write(file, content);
        String dev;
        try {
            dev = HostCommands.output("losetup", "-f", "--show", file.toString())
                    .trim();
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        try {
            String[] mm = HostCommands.output("stat", "-c", "%t %T", dev).trim().split(" ");
            return new LoopDevice(
                    file, dev, Integer.parseInt(mm[0], 16), Integer.parseInt(mm[1], 16));
        } catch (IOException | RuntimeException e) {
            HostCommands.run("losetup", "-d", dev);
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Returns the device's path.
     *
     * @return e.g. {@code /dev/loop3}
     */
    public String device() {
        return device;
    }

    /**
     * Returns the major number.
     *
     * @return the major number (7 for loop devices)
     */
    public int major() {
        return major;
    }

    /**
     * Returns the minor number.
     *
     * @return the minor number
     */
    public int minor() {
        return minor;
    }

    @Override
    public void close() throws IOException {
        try {
            HostCommands.run("losetup", "-d", device);
        } finally {
            Files.deleteIfExists(backing);
        }
    }
}
