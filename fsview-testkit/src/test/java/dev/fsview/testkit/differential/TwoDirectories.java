package dev.fsview.testkit.differential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Runs a sequence on the JDK in one directory against a side over a second directory. */
final class TwoDirectories {
    private TwoDirectories() {}

    static Differential compare(List<NioOp> ops, Function<Path, Side> second) throws IOException {
        Path one = Files.createTempDirectory("fsview-testkit-one-");
        Path two = Files.createTempDirectory("fsview-testkit-two-");
        try {
            InitialTree.plant(one);
            InitialTree.plant(two);
            return Differential.run(
                    ops, Side.reference(one), second.apply(two), new EscapeGuard(one));
        } finally {
            DifferentialNioContract.deleteTree(one);
            DifferentialNioContract.deleteTree(two);
        }
    }
}
