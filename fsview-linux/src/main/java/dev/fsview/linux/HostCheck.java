package dev.fsview.linux;

import dev.fsview.Availability;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.KernelFeatures;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Decides once whether this process can open Linux views, and if not, says why in words a user can
 * act on: not Linux, an unknown architecture, no CAP_SYS_ADMIN, JNA unable to bind libc, or a
 * kernel (or seccomp profile) that refuses a private mount namespace, which is tried for real on a
 * short-lived probe thread.
 *
 * @param availability the verdict, with the optional features in use
 * @param features the kernel's optional facilities (all false when unavailable)
 */
record HostCheck(Availability availability, KernelFeatures features) {
    /** Bit of CAP_SYS_ADMIN in the capability sets. */
    static final int CAP_SYS_ADMIN = 21;

    private static final KernelFeatures NONE = new KernelFeatures(false, false, false);

    static HostCheck run() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return no("not Linux (os.name=" + os + "): fsview-linux needs Linux mount namespaces");
        }
        if (!Arch.isSupported()) {
            return no(Arch.unsupportedMessage());
        }
        String caps = capabilityProblem(Path.of("/proc/self/status"));
        if (caps != null) {
            return no(caps);
        }
        try {
            Sys.load();
        } catch (LinkageError e) {
            return no("JNA cannot bind libc: " + e);
        }
        String ns = namespaceProblem();
        if (ns != null) {
            return no(ns);
        }
        KernelFeatures features = KernelFeatures.probe();
        return new HostCheck(Availability.available(features.names()), features);
    }

    private static HostCheck no(String reason) {
        return new HostCheck(Availability.unavailable(reason), NONE);
    }

    /**
     * Reads CapEff and checks CAP_SYS_ADMIN.
     *
     * @param status a {@code /proc/<pid>/status} file
     * @return why the capability is missing, or {@code null} if it is there
     */
    static String capabilityProblem(Path status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException e) {
            return "cannot read " + status + " to check for CAP_SYS_ADMIN (is /proc mounted?): "
                    + e;
        }
        for (String line : lines) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).trim();
                long eff;
                try {
                    eff = Long.parseUnsignedLong(hex, 16);
                } catch (NumberFormatException e) {
                    return "cannot parse CapEff '" + hex + "' in " + status;
                }
                if ((eff & (1L << CAP_SYS_ADMIN)) == 0) {
                    return "the process lacks CAP_SYS_ADMIN (CapEff=" + hex + "): fsview-linux "
                            + "mounts in a private mount namespace, which needs it (run as root, "
                            + "or grant the capability); the fake backend needs no privilege";
                }
                return null;
            }
        }
        return "no CapEff line in " + status
                + ": cannot tell whether the process has CAP_SYS_ADMIN";
    }

    /** Tries unshare and rslave on a throwaway thread, whose namespace dies with it. */
    private static String namespaceProblem() {
        String[] problem = new String[1];
        Thread probe = new Thread(
                () -> {
                    try {
                        SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS);
                        SysMount.mount(null, "/", null, Linux.MS_SLAVE | Linux.MS_REC, null);
                    } catch (SyscallException e) {
                        problem[0] =
                                "the kernel refused a private mount namespace (" + e.getMessage()
                                        + "); a seccomp profile or a user namespace without privilege may "
                                        + "forbid it";
                    }
                },
                "fsview-linux-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing for mount namespaces";
        }
        return problem[0];
    }
}
