package dev.fsview.bench.dispatch;

import dev.fsview.HandOverStrategy;
import dev.fsview.bench.fixture.OpenView;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;

/** One view per trial, shared by all caller threads: a backend and a hand-over strategy. */
@State(Scope.Benchmark)
public class ViewState {
    /** {@code bare} (the hand-over alone), {@code fake} or {@code linux}. */
    @Param({"bare", "fake", "linux"})
    public String backend;

    /** The hand-over strategy under test. */
    @Param({"PARK", "SPIN_THEN_PARK", "ADAPTIVE"})
    public HandOverStrategy strategy;

    OpenView open;

    /**
     * Opens the view.
     *
     * @throws IOException if the backend cannot open it
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        open = OpenView.open(backend, strategy);
    }

    /**
     * Closes the view.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        open.close();
    }
}
