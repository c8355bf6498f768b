package dev.fsview;

/**
 * How a caller and the view thread wait for each other when a task is handed over and its result
 * handed back. This is the per-call cost of every operation on a view, so it is a tuning knob; the
 * semantics are the same for every strategy.
 */
public enum HandOverStrategy {
    /**
     * Both sides sleep at once ({@code LockSupport.park}) and are woken by the other. Costs no CPU
     * while waiting; each hand-over pays a futex wake-up (tens of microseconds on a VM).
     */
    PARK,

    /**
     * Both sides first spin for a few microseconds, watching the shared state, and only then sleep.
     * When calls come back to back, neither side ever sleeps and a round trip costs a few cache-line
     * transfers; once idle, the view thread sleeps and burns nothing.
     */
    SPIN_THEN_PARK,

    /**
     * Like {@link #SPIN_THEN_PARK}, but each side spins only as long as waiting has recently paid
     * off: a wait that a longer spin would have caught lengthens the spin (up to about the cost of
     * a slow wake-up), a long idle gap shortens it (down to a couple of microseconds). Back-to-back
     * calls never sleep; a view called now and then does not burn a spin's worth of CPU per call.
     */
    ADAPTIVE
}
