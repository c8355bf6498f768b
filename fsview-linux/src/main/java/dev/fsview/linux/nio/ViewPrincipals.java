package dev.fsview.linux.nio;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;

/**
 * Owners and groups of a view's files: the id, and the name the container's own
 * {@code /etc/passwd} or {@code /etc/group} gives it (the number when it lists none).
 */
final class ViewPrincipals {
    private ViewPrincipals() {
    }

    /** A user. */
    record User(int id, String getName) implements UserPrincipal {
        @Override
        public String toString() {
            return getName;
        }
    }

    /** A group. */
    record Group(int id, String getName) implements GroupPrincipal {
        @Override
        public String toString() {
            return getName;
        }
    }
}
