package dev.fsview.testkit.contract;

import dev.fsview.testkit.containment.Arena;
import dev.fsview.testkit.containment.Attack;
import dev.fsview.testkit.containment.AttackCatalogue;
import dev.fsview.testkit.containment.EntryPoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;

/**
 * Containment through plain {@code java.nio} inside a task, for backends whose view thread has
 * switched root so that the JVM's default file system shows the container there (Linux; not the
 * in-memory fake), as {@link dev.fsview.testkit.Backend#plainIoInTasksSeesTheContainer()} says.
 * Every layout of the {@link AttackCatalogue} is attacked with ordinary
 * {@code Path.of(...)} paths from inside a task; the task first checks that {@code /} is the
 * container root, so a backend that failed to switch root fails here without writing to the
 * host's {@code /}.
 */
public abstract class PlainIoContainmentContract extends ViewContract {

    @BeforeEach
    final void onlyForBackendsWhoseTasksSeeTheContainer() {
        if (!backend().plainIoInTasksSeesTheContainer()) {
            throw new IllegalStateException("PlainIoContainmentContract is wired for backend '"
                    + backend().name() + "', whose Backend.plainIoInTasksSeesTheContainer() says "
                    + "its tasks do not see the container through plain java.io: unwire it, or "
                    + "override that method if they do");
        }
    }

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
