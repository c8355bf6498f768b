package dev.fsview.testkit.containment;

import java.io.IOException;

/**
 * One hostile layout: what the container planted, and the container path (the probe) through
 * which every entry point attacks. Were a view to resolve the probe on the host instead of inside
 * the root, it would reach the canaries.
 *
 * @param name a short name saying what the layout does
 * @param directory whether the probe names a directory (else a file)
 * @param probe the container path to attack through, for a scene
 * @param layout plants the hostile content in the scene
 */
public record Attack(String name, boolean directory, ProbePath probe, Layout layout) {

    /** Plants an attack's content. */
    @FunctionalInterface
    public interface Layout {
        /**
         * Plants it.
         *
         * @param scene the scene to plant in
         * @throws IOException if the host cannot be written
         */
        void plant(Scene scene) throws IOException;
    }

    /** Computes a probe path, which may depend on where the scene lies on the host. */
    @FunctionalInterface
    public interface ProbePath {
        /**
         * Computes it.
         *
         * @param scene the scene
         * @return an absolute or relative container path
         */
        String in(Scene scene);
    }

    /**
     * An attack whose probe names a directory.
     *
     * @param name the name
     * @param probe the probe
     * @param layout the layout
     * @return the attack
     */
    public static Attack onDirectory(String name, ProbePath probe, Layout layout) {
        return new Attack(name, true, probe, layout);
    }

    /**
     * An attack whose probe names a file.
     *
     * @param name the name
     * @param probe the probe
     * @param layout the layout
     * @return the attack
     */
    public static Attack onFile(String name, ProbePath probe, Layout layout) {
        return new Attack(name, false, probe, layout);
    }

    @Override
    public String toString() {
        return name;
    }
}
