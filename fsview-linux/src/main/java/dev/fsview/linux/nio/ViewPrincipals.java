package dev.fsview.linux.nio;

import java.io.IOException;
import java.nio.file.ProviderMismatchException;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;

/**
 * Owners and groups of a view's files: the id, and the name the container's own
 * {@code /etc/passwd} or {@code /etc/group} gives it (the number when it lists none).
 */
final class ViewPrincipals {
    private ViewPrincipals() {}

    /** A principal of a view: set on files by its number. */
    sealed interface Owner permits User, Group {
        /**
         * Returns the id.
         *
         * @return the uid or gid
         */
        int id();
    }

    /** A user. */
    record User(int id, String getName) implements UserPrincipal, Owner {
        @Override
        public String toString() {
            return getName;
        }
    }

    /** A group. */
    record Group(int id, String getName) implements GroupPrincipal, Owner {
        @Override
        public String toString() {
            return getName;
        }
    }

    /**
     * The uid to set for an owner, checked as the JDK's {@code setOwner} checks it.
     *
     * @param owner the new owner
     * @return its uid
     * @throws IOException if it is a group, as the JDK says
     */
    static int uid(UserPrincipal owner) throws IOException {
        Objects.requireNonNull(owner, "'owner' is null");
        if (owner instanceof Group) {
            throw new IOException("'owner' parameter can't be a group");
        }
        if (!(owner instanceof User)) {
            throw new ProviderMismatchException();
        }
        return ((User) owner).id();
    }

    /**
     * The gid to set for a group, checked as the JDK's {@code setGroup} checks it.
     *
     * @param group the new group
     * @return its gid
     */
    static int gid(GroupPrincipal group) {
        Objects.requireNonNull(group, "'owner' is null");
        if (!(group instanceof Group)) {
            throw new ProviderMismatchException();
        }
        return ((Group) group).id();
    }
}
