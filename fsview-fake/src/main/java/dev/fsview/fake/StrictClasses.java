package dev.fsview.fake;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The fake's strict mode ({@code -Dfake.strict=true}, or {@link FakeHost#strict(boolean)}): a task
 * that loads a class which is neither named in {@link ViewSpec#preloadClasses()} nor was loaded
 * before the view opened fails with {@link NoClassDefFoundError}, as it would on Linux, where the
 * view thread looks classes up inside the container. Classes of the JDK (loaded from its runtime
 * image on Linux too) and of fsview itself are not counted.
 *
 * <p>How: the JVM's count of loaded classes is compared before and after each task; only when it
 * moved are the loaded classes listed (HotSpot's {@code VM.class_hierarchy} diagnostic command)
 * and compared with those known before the task. A class another thread loads while the task runs
 * is blamed on the task too: strict tests should not load classes concurrently.
 */
final class StrictClasses {
    /** The system property that turns strict mode on for every fake view. */
    static final String PROPERTY = "fake.strict";

    private static final ClassLoadingMXBean LOADING = ManagementFactory.getClassLoadingMXBean();
    private static final Set<String> JDK_PACKAGES = jdkPackages();
    private static final List<String> OWN_CODE =
            List.of(location(FsView.class), location(FakeView.class));

    private final Set<String> preloaded;
    private long count;
    private Set<String> known;

    private StrictClasses(ViewSpec spec) {
        this.preloaded = Set.copyOf(spec.preloadClasses());
        this.count = LOADING.getTotalLoadedClassCount();
        this.known = loaded();
    }

    /**
     * Starts watching for a view, after its preload classes were loaded.
     *
     * @param spec the view's spec
     * @param hostStrict whether the host asks for strict mode
     * @return the watcher, or {@code null} when strict mode is off
     */
    static StrictClasses forView(ViewSpec spec, boolean hostStrict) {
        return hostStrict || Boolean.getBoolean(PROPERTY) ? new StrictClasses(spec) : null;
    }

    /** Before a task: what is loaded now is allowed (loaded before, not by the task). */
    synchronized void before() {
        long now = LOADING.getTotalLoadedClassCount();
        if (now != count) {
            count = now;
            known = loaded();
        }
    }

    /**
     * After a task returned: fails it if it loaded a class Linux would not find.
     *
     * @param task the user's task, for the message
     * @throws NoClassDefFoundError naming the classes
     */
    synchronized void after(Object task) {
        long now = LOADING.getTotalLoadedClassCount();
        if (now == count) {
            return;
        }
        Set<String> after = loaded();
        List<String> blamed = new ArrayList<>();
        for (String entry : after) {
            String name = entry.substring(0, entry.indexOf('/'));
            if (!known.contains(entry) && !preloaded.contains(name) && !exempt(name)) {
                blamed.add(name);
            }
        }
        count = now;
        known = after;
        if (!blamed.isEmpty()) {
            blamed.sort(null);
            throw new NoClassDefFoundError("fake strict mode: the task " + task + " loaded "
                    + blamed + ", which was not loaded before the view opened; on Linux the view "
                    + "thread looks such a class up inside the container and does not find it. "
                    + "Name it in ViewSpec.Builder.preloadClasses(...)");
        }
    }

    /** JDK classes (on Linux from the runtime image, opened already) and fsview's own. */
    private static boolean exempt(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && JDK_PACKAGES.contains(name.substring(0, dot))) {
            return true;
        }
        ClassLoader loader = FakeView.class.getClassLoader();
        URL u = loader == null ? null : loader.getResource(name.replace('.', '/') + ".class");
        if (u == null) {
            return false;
        }
        String where = u.toString();
        for (String own : OWN_CODE) {
            if (own != null && where.contains(own)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The classes loaded by a class loader other than the boot loader (whose classes are the
     * JDK's), hidden classes (lambdas) left out, each as {@code name/loader}: the same name from
     * another loader is another class, loaded anew.
     */
    private static Set<String> loaded() {
        String listing;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            listing = (String) server.invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmClassHierarchy",
                    new Object[] {null},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException(
                    "fake strict mode needs HotSpot's DiagnosticCommand "
                            + "MBean (VM.class_hierarchy) to list loaded classes: " + e,
                    e);
        }
        Set<String> names = new HashSet<>();
        for (String line : listing.split("\n")) {
            int start = line.indexOf("--");
            if (start < 0) {
                continue;
            }
            String entry = line.substring(start + 2).trim();
            int space = entry.indexOf(' ');
            if (space > 0) {
                entry = entry.substring(0, space); // " (intf)"
            }
            String[] parts = entry.split("/");
            // "name/loader"; a hidden class is "name/0xaddress/loader"; loader "null" is the boot
            if (parts.length == 2 && !parts[1].equals("null")) {
                names.add(entry);
            }
        }
        return names;
    }

    private static Set<String> jdkPackages() {
        Set<String> out = new HashSet<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Module m : ModuleLayer.boot().modules()) {
            ClassLoader l = m.getClassLoader();
            if (l == null || l == platform) {
                out.addAll(m.getPackages());
            }
        }
        return out;
    }

    private static String location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? null : cs.getLocation().toString();
    }
}
