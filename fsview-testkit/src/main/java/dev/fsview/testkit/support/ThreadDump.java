package dev.fsview.testkit.support;

import dev.fsview.testkit.ViewThreads;

import java.util.Map;

/** Stack traces for the message of a test that hung. */
final class ThreadDump {
    private ThreadDump() {}

    /**
     * Dumps the given threads and every view thread.
     *
     * @param threads threads of interest
     * @return their stack traces, one block per thread
     */
    public static String of(Thread... threads) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            boolean wanted = t.getName().startsWith(ViewThreads.PREFIX);
            for (Thread w : threads) {
                wanted |= w == t;
            }
            if (wanted) {
                b.append('"')
                        .append(t.getName())
                        .append("\" ")
                        .append(t.getState())
                        .append('\n');
                for (StackTraceElement s : e.getValue()) {
                    b.append("    at ").append(s).append('\n');
                }
            }
        }
        return b.toString();
    }
}
