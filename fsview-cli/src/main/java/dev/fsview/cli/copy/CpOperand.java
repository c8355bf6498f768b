package dev.fsview.cli.copy;

/**
 * One side of {@code fsview cp}: a container path (written with a leading {@code :}, as
 * {@code CONTAINER:PATH} is in docker cp), a tar stream on standard input or output ({@code -}), or
 * a host path. A host path that starts with {@code :} is written {@code ./:name}, as docker asks
 * for local paths with a colon.
 *
 * @param kind which side
 * @param path the path without the {@code :} (container paths are relative to {@code /})
 */
public record CpOperand(Kind kind, String path) {

    /** The kinds of operand. */
    public enum Kind {
        /** A path inside the container. */
        CONTAINER,
        /** A path on the host. */
        HOST,
        /** A tar stream on standard input (source) or standard output (destination). */
        STREAM
    }

    /**
     * Reads an operand.
     *
     * @param arg the argument as given
     * @return the operand
     * @throws IllegalArgumentException for an empty argument
     */
    public static CpOperand parse(String arg) {
        if (arg.isEmpty()) {
            throw new IllegalArgumentException("a path can not be empty");
        }
        if (arg.equals("-")) {
            return new CpOperand(Kind.STREAM, "-");
        }
        if (arg.startsWith(":")) {
            String p = arg.substring(1);
            return new CpOperand(Kind.CONTAINER, p.isEmpty() ? "/" : p);
        }
        return new CpOperand(Kind.HOST, arg);
    }

    /**
     * Returns the operand as the user wrote it.
     *
     * @return e.g. {@code :/etc/hostname}
     */
    public String display() {
        return kind == Kind.CONTAINER ? ":" + path : path;
    }
}
