package dev.fsview;

import java.util.Objects;

/**
 * Two options of a bind {@link MountSpec} contradict each other. The messages are the seed's
 * (moby's containerFSView), word for word:
 * {@code options conflict: Writable && ReadOnlyNonRecursive},
 * {@code options conflict: Writable && ReadOnlyForceRecursive},
 * {@code options conflict: ReadOnlyNonRecursive && ReadOnlyForceRecursive}.
 */
public final class OptionsConflictException extends InvalidSpecException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for two conflicting options.
     *
     * @param first the first option, spelled as in the seed (e.g. {@code Writable})
     * @param second the second option, spelled as in the seed
     */
    public OptionsConflictException(String first, String second) {
        super(
                "options",
                "options conflict: " + Objects.requireNonNull(first, "first") + " && "
                        + Objects.requireNonNull(second, "second"),
                true);
    }
}
