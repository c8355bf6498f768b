/**
 * Mounts and mount namespaces: bind clones (recursive or not) of mount trees, read-only flags per
 * mount, and {@link dev.fsview.fake.mount.ViewMounts}, which builds a view's namespace from its
 * spec with the Linux backend's steps.
 */
package dev.fsview.fake.mount;
