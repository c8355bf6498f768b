package dev.fsview;

import java.util.Objects;

/**
 * A {@link ViewSpec} or {@link MountSpec} was refused when it was built: a path that is relative,
 * empty or contains a NUL byte, a duplicate destination, a value out of range. Nothing was opened
 * and nothing on the host was touched.
 */
public class InvalidSpecException extends FsViewException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the name of the refused field, e.g. {@code "destination"}
     * @param problem what is wrong with it
     */
    public InvalidSpecException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.field = field;
    }

    /**
     * Creates an exception whose message is exactly {@code message} (used for the seed's fixed
     * messages, such as the option conflicts).
     *
     * @param field the name of the refused field
     * @param message the whole message
     * @param exact marker distinguishing this constructor; its value is ignored
     */
    protected InvalidSpecException(String field, String message, boolean exact) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * Returns the name of the field that was refused.
     *
     * @return the field name, e.g. {@code "root"}, {@code "destination"}, {@code "options"}
     */
    public String field() {
        return field;
    }
}
