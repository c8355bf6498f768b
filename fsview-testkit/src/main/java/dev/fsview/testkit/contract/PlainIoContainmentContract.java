package dev.fsview.testkit.contract;

import dev.fsview.testkit.containment.Arena;
import dev.fsview.testkit.containment.Attack;
import dev.fsview.testkit.containment.AttackCatalogue;
import dev.fsview.testkit.containment.EntryPoint;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Containment through plain {@code java.nio} inside a task, for backends whose view thread has
 * switched root so that the JVM's default file system shows the container there (Linux; not the
 * in-memory fake). Every layout of the {@link AttackCatalogue} is attacked with ordinary
 * {@code Path.of(...)} paths from inside a task; the task first checks that {@code /} is the
 * container root, so a backend that failed to switch root fails here without writing to the
 * host's {@code /}.
 */
public abstract class PlainIoContainmentContract extends ViewContract {

    /**
     * Every attack of the catalogue.
     *
     * @return the attacks
     */
    public static List<Attack> attacks() {
        return AttackCatalogue.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fsview.testkit.contract.PlainIoContainmentContract#attacks")
    void plainJavaIoInATaskGetsNothingFromOutsideTheView(Attack attack) throws IOException {
        Arena arena = Arena.enter(host, attack, opener());
        EntryPoint.PLAIN_IO_IN_A_TASK.drive(arena);
        arena.assertContained("'" + attack + "' through plain java.nio in a task");
    }
}
