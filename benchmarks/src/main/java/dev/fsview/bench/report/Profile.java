package dev.fsview.bench.report;

import dev.fsview.HandOverStrategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The quick profile: every benchmark of the module, each parameter combination once, short
 * iterations, so that the whole profile runs in about three minutes on two cores. Warm-up is
 * longest where the JIT needs it most (a backend's stat and its view set-up settle only after
 * about two seconds). Backends that cannot open views here are left out (their targets then
 * read n/a).
 */
public final class Profile {
    /** The pause of the idle-cost benchmark that the idle target is judged on: one second. */
    public static final String IDLE_SECOND = "1000000";

    private Profile() {}

    /**
     * Lists the steps of the quick profile.
     *
     * @param viewBackends the backends that can open views here, of {@code linux} and {@code fake}
     * @return the steps, in run order
     */
    public static List<Step> quick(List<String> viewBackends) {
        boolean linux = viewBackends.contains("linux");
        String[] strategies =
                Arrays.stream(HandOverStrategy.values()).map(Enum::name).toArray(String[]::new);
        String[] dispatchBackends = concat(new String[] {"bare"}, viewBackends);
        // One backend is enough where the hand-over is what is measured: the real one if we can.
        String[] oneBackend = {linux ? "linux" : "bare"};
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(
                "dispatch latency",
                "\\.DispatchLatency\\.call$",
                Map.of("backend", dispatchBackends, "strategy", strategies),
                2,
                3,
                500));
        steps.add(new Step(
                "start latency",
                "\\.DispatchLatency\\.startUntilRunning$",
                Map.of("backend", oneBackend, "strategy", strategies),
                2,
                3,
                500));
        steps.add(new Step(
                "throughput, 1, 2, 8 callers",
                "\\.DispatchThroughput\\.",
                Map.of("backend", oneBackend, "strategy", strategies),
                1,
                2,
                500));
        steps.add(new Step(
                "idle and sparse cost",
                "\\.IdleCost\\.idle$",
                Map.of("backend", oneBackend, "strategy", strategies, "pauseMicros", new String[] {
                    IDLE_SECOND, "200"
                }),
                1,
                2,
                1000));
        if (viewBackends.isEmpty()) {
            steps.add(new Step(
                    "stat on the host",
                    "\\.StatVsHost\\.hostReadAttributes$",
                    Map.of(),
                    2,
                    3,
                    500));
        } else {
            steps.add(new Step(
                    "stat vs host",
                    "\\.StatVsHost\\.",
                    Map.of("backend", viewBackends.toArray(String[]::new)),
                    4,
                    3,
                    500));
        }
        steps.add(new Step(
                "NIO operations",
                "\\.NioOps\\.",
                Map.of("fs", concat(viewBackends.toArray(String[]::new), new String[] {
                    "jimfs", "host"
                })),
                2,
                2,
                500));
        if (linux) {
            steps.add(new Step(
                    "open+close by mounts",
                    "\\.OpenClose\\.openClose$",
                    Map.of(
                            "backend",
                            new String[] {"linux"},
                            "mounts",
                            Targets.MOUNTS.toArray(String[]::new)),
                    // C2 still compiles (and deoptimises) the open path for 6-8 s of back-to-back
                    // cycles on 2 vCPUs: with 4 warm-ups of 500 ms the figure measured the JIT
                    // (472 µs) more than the view (about 300 µs once compiled).
                    16,
                    3,
                    500));
            steps.add(new Step(
                    "open+task+close, 1 mount",
                    "\\.OpenClose\\.openTaskClose$",
                    Map.of("backend", new String[] {"linux"}, "mounts", new String[] {"1"}),
                    16,
                    3,
                    500));
        }
        if (!viewBackends.isEmpty()) {
            steps.add(new Step(
                    "a view on the rootfs",
                    "\\.OpenTree\\.",
                    Map.of("backend", viewBackends.toArray(String[]::new)),
                    // The fake's walk still gets faster after two warm-up iterations (178, 117,
                    // then 94 ms measured; 69 ms after four warm-ups, while linux gave 43 ms
                    // either way): with two, its fake/linux ratio measured the JIT's warm-up.
                    5,
                    3,
                    1000));
        }
        return steps;
    }

    /**
     * Shortens steps to one warm-up and one measured iteration each: a smoke run that proves the
     * whole profile works, not figures to judge.
     *
     * @param steps the steps
     * @return the same steps, shorter
     */
    public static List<Step> smoke(List<Step> steps) {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(new Step(s.title(), s.include(), s.params(), 1, 1, s.iterationMillis()));
        }
        return out;
    }

    private static String[] concat(String[] a, List<String> b) {
        return concat(a, b.toArray(String[]::new));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
