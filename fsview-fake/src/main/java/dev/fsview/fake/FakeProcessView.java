package dev.fsview.fake;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.Errno;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Opens fake views of a running {@link FakeProcess}, taking the Linux backend's steps (pin the
 * process, open its namespace and root, check it is alive; on the view thread unshare, setns,
 * enter its root, chroot, chdir) with the same refusals: no such process, the host's own mount
 * namespace unless allowed. The option {@code fake.fail-step} (test only) lists steps, by
 * {@link SetupStep#id() id}, that fail with EIO, as {@code linux.fail-step} does on Linux.
 */
final class FakeProcessView {
    /** The test-only option naming steps that fail. */
    static final String FAIL_STEP = "fake.fail-step";

    private FakeProcessView() {}

    static FakeView open(FakeHost host, ViewSpec spec) throws IOException {
        Set<SetupStep> failing = failing(spec);
        long pid = spec.process().orElseThrow();
        step(failing, SetupStep.PIDFD_OPEN, "pidfd_open");
        FakeProcess process = host.processTable().get(pid);
        boolean hostItself = pid == FakeProcess.HOST_PID;
        if (process == null && !hostItself) {
            throw new MountStepException(
                    SetupStep.PIDFD_OPEN,
                    "pidfd_open",
                    Errno.ESRCH.number(),
                    Errno.ESRCH.describe(),
                    "/",
                    "no process " + pid + " exists",
                    null);
        }
        step(failing, SetupStep.OPEN_PROCESS_NS, "openat");
        step(failing, SetupStep.OPEN_PROCESS_ROOT, "openat");
        step(failing, SetupStep.CHECK_PROCESS, "pidfd_send_signal");
        if (hostItself && !spec.allowHostMountNamespace()) {
            // A view of the host's own namespace is the host itself: refused unless asked for.
            throw new MountStepException(
                    SetupStep.OPEN_PROCESS_NS,
                    "",
                    0,
                    "",
                    "/",
                    "process "
                            + pid
                            + " is in fsview's own (the host's) mount namespace; a view of it would "
                            + "show the host's file system. Use ViewSpec.Builder"
                            + ".allowHostMountNamespace() if that is what you mean",
                    null);
        }
        String name = "fake view of process " + pid;
        FakeView view = FakeView.start(
                        name,
                        spec,
                        () -> {
                            for (SetupStep s : EnumSet.of(
                                    SetupStep.UNSHARE_FS,
                                    SetupStep.SETNS,
                                    SetupStep.ENTER_PROCESS_ROOT,
                                    SetupStep.CHROOT,
                                    SetupStep.CHDIR_ROOT)) {
                                step(failing, s, s.syscall());
                            }
                            if (hostItself) {
                                Vfs h = host.process();
                                return h.at(h.root());
                            }
                            try {
                                return process.enter();
                            } catch (ErrnoException exited) {
                                throw new MountStepException(
                                        SetupStep.SETNS,
                                        "setns",
                                        exited.errno().number(),
                                        exited.errno().describe(),
                                        "/",
                                        "process " + pid
                                                + " exited while its view was being opened",
                                        null);
                            }
                        },
                        hostItself ? () -> {} : process::leave)
                .watchClasses(host);
        if (!hostItself) {
            // Weakly: a running process must not keep a dropped view from its Cleaner.
            WeakReference<FakeView> ref = new WeakReference<>(view);
            Runnable ended = () -> {
                FakeView v = ref.get();
                if (v != null) {
                    v.endBecause("process " + pid + " exited");
                }
            };
            view.onClose(() -> process.removeOnExit(ended));
            process.onExit(ended);
        }
        return view;
    }

    private static void step(Set<SetupStep> failing, SetupStep step, String syscall)
            throws MountStepException {
        if (failing.contains(step)) {
            throw new MountStepException(
                    step,
                    syscall,
                    Errno.EIO.number(),
                    Errno.EIO.describe(),
                    "/",
                    "injected by " + FAIL_STEP + " (test only)",
                    null);
        }
    }

    private static Set<SetupStep> failing(ViewSpec spec) throws dev.fsview.InvalidSpecException {
        Set<SetupStep> out = EnumSet.noneOf(SetupStep.class);
        for (String id : spec.option(FAIL_STEP, "").split(",")) {
            String s = id.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            SetupStep step = SetupStep.byId(s);
            if (step == null) {
                throw new dev.fsview.InvalidSpecException(FAIL_STEP, "unknown step '" + s + "'");
            }
            out.add(step);
        }
        return out;
    }
}
