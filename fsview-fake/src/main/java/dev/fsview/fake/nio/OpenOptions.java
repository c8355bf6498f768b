package dev.fsview.fake.nio;

import dev.fsview.fake.vfs.OpenFlags;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

/**
 * The JDK's {@code UnixChannelFactory.Flags}: open options to {@code open(2)} flags, with the
 * JDK's defaults (read unless write or append), its refusals (READ + APPEND, APPEND +
 * TRUNCATE_EXISTING) and its rule that CREATE, CREATE_NEW and TRUNCATE_EXISTING only apply when
 * writing.
 */
final class OpenOptions {
    boolean read;
    boolean write;
    boolean append;
    boolean truncateExisting;
    boolean create;
    boolean createNew;
    boolean deleteOnClose;
    boolean noFollowLinks;

    static OpenOptions of(Set<? extends OpenOption> options) {
        OpenOptions o = new OpenOptions();
        for (OpenOption option : options) {
            if (option instanceof StandardOpenOption) {
                o.set((StandardOpenOption) option);
            } else if (option == LinkOption.NOFOLLOW_LINKS) {
                o.noFollowLinks = true;
            } else if (option == null) {
                throw new NullPointerException();
            } else {
                throw new UnsupportedOperationException(option + " not supported");
            }
        }
        if (!o.read && !o.write) {
            if (o.append) {
                o.write = true;
            } else {
                o.read = true;
            }
        }
        if (o.read && o.append) {
            throw new IllegalArgumentException("READ + APPEND not allowed");
        }
        if (o.append && o.truncateExisting) {
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        }
        return o;
    }

    /**
     * The options {@code FileSystemProvider.newOutputStream} passes on (WRITE added), in an
     * {@link EnumSet} rather than its HashSet, when all are standard and none is READ: then the
     * set's order decides nothing, as no option can be refused.
     *
     * @param options the options given
     * @return the set, or {@code null} when the inherited method should decide (none given,
     *     READ, another kind of option, null)
     */
    static Set<StandardOpenOption> forOutput(OpenOption... options) {
        if (options.length == 0) {
            return null;
        }
        Set<StandardOpenOption> set = EnumSet.of(StandardOpenOption.WRITE);
        for (OpenOption option : options) {
            if (!(option instanceof StandardOpenOption) || option == StandardOpenOption.READ) {
                return null;
            }
            set.add((StandardOpenOption) option);
        }
        return set;
    }

    private void set(StandardOpenOption option) {
        switch (option) {
            case READ:
                read = true;
                break;
            case WRITE:
                write = true;
                break;
            case APPEND:
                append = true;
                break;
            case TRUNCATE_EXISTING:
                truncateExisting = true;
                break;
            case CREATE:
                create = true;
                break;
            case CREATE_NEW:
                createNew = true;
                break;
            case DELETE_ON_CLOSE:
                deleteOnClose = true;
                break;
            case SPARSE:
            case SYNC:
            case DSYNC:
                break;
            default:
                throw new UnsupportedOperationException();
        }
    }

    /** @return whether a final symlink is followed */
    boolean followLinks() {
        return !(!createNew && (noFollowLinks || deleteOnClose));
    }

    int flags() {
        int flags;
        if (read && write) {
            flags = OpenFlags.O_RDWR;
        } else {
            flags = write ? OpenFlags.O_WRONLY : OpenFlags.O_RDONLY;
        }
        if (write) {
            if (truncateExisting) {
                flags |= OpenFlags.O_TRUNC;
            }
            if (append) {
                flags |= OpenFlags.O_APPEND;
            }
            if (createNew) {
                flags |= OpenFlags.O_CREAT | OpenFlags.O_EXCL;
            } else if (create) {
                flags |= OpenFlags.O_CREAT;
            }
        }
        if (!followLinks()) {
            flags |= OpenFlags.O_NOFOLLOW;
        }
        return flags;
    }
}
