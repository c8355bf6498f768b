package dev.fsview.linux.pitfall;

/**
 * A class of ClassLoadingPitfallTest's own, top-level so that JUnit's discovery (which loads a
 * test class's nested classes) never loads it: only the test decides when it is first needed.
 */
public final class NeededByAStartedTask {
    private NeededByAStartedTask() {}

    /**
     * Says hello.
     *
     * @return the class's simple name
     */
    public static String hello() {
        return "NeededByAStartedTask";
    }
}
