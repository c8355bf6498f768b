package dev.fsview.testkit.containment;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.HostFixture;

import java.io.IOException;
import java.util.List;

/**
 * One attack, set up and ready to be driven through an entry point: the scene with the attack
 * planted and the canaries armed, the evidence, and a way to open views of the root (always with
 * the scene's volume mounted writable at {@code /data}).
 */
public final class Arena {
    /** Opens views the way the contract does (the backend's options, the kit's bookkeeping). */
    public interface Opener {
        /**
         * Starts a spec with the backend's options.
         *
         * @param root the container root
         * @return a builder
         */
        ViewSpec.Builder spec(String root);

        /**
         * Opens a view.
         *
         * @param spec the spec
         * @return the open view
         * @throws IOException if opening fails
         */
        FsView open(ViewSpec.Builder spec) throws IOException;
    }

    private final Scene scene;
    private final Attack attack;
    private final String probe;
    private final Evidence evidence;
    private final Opener opener;

    private Arena(Scene scene, Attack attack, Opener opener) {
        this.scene = scene;
        this.attack = attack;
        this.probe = attack.probe().in(scene);
        this.evidence = new Evidence(scene.uniqueName(), scene.root());
        this.opener = opener;
    }

    /**
     * Builds the scene, plants the attack and arms the canaries.
     *
     * @param host the host
     * @param attack the attack
     * @param opener how to open views
     * @return the arena
     * @throws IOException if the host cannot be written
     */
    public static Arena enter(HostFixture host, Attack attack, Opener opener) throws IOException {
        Evidence.load();
        Scene scene = Scene.build(host);
        attack.layout().plant(scene);
        scene.armCanaries();
        return new Arena(scene, attack, opener);
    }

    /**
     * Opens a view of the root with {@code /data} and any extra mounts.
     *
     * @param extra more mounts
     * @return the open view
     * @throws IOException if opening fails
     */
    public FsView open(MountSpec... extra) throws IOException {
        ViewSpec.Builder spec = opener.spec(scene.root())
                .mount(MountSpec.bind(scene.volume(), "/data").writable().build())
                .mounts(List.of(extra));
        return opener.open(spec);
    }

    /**
     * Fails if the attack got anything from outside the view or touched a canary.
     *
     * @param what the attack and entry point, for the message
     * @throws IOException if the host cannot be inspected
     */
    public void assertContained(String what) throws IOException {
        AssertionError escaped = null;
        try {
            evidence.assertContained(what);
        } catch (AssertionError e) {
            escaped = e;
        }
        try {
            scene.assertCanariesUntouched(what);
        } catch (AssertionError touched) {
            if (escaped == null) {
                throw touched;
            }
            escaped.addSuppressed(touched);
        }
        if (escaped != null) {
            throw escaped;
        }
    }

    /**
     * Returns the scene.
     *
     * @return the scene
     */
    public Scene scene() {
        return scene;
    }

    /**
     * Returns the probe path, as the attack spells it.
     *
     * @return a container path
     */
    public String probe() {
        return probe;
    }

    /**
     * Returns the probe as an absolute container path (relative probes are relative to {@code /},
     * a fresh view's working directory).
     *
     * @return an absolute container path
     */
    public String absoluteProbe() {
        return probe.startsWith("/") ? probe : "/" + probe;
    }

    /**
     * Returns whether the probe names a directory.
     *
     * @return {@code true} for a directory, {@code false} for a file
     */
    public boolean directory() {
        return attack.directory();
    }

    /**
     * Returns the evidence.
     *
     * @return the evidence
     */
    public Evidence evidence() {
        return evidence;
    }
}
