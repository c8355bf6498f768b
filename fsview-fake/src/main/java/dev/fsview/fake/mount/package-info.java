/**
 * Mounts and mount namespaces: bind clones (recursive or not) of mount trees, read-only flags per
 * mount. A view's namespace is built from its spec above this package, in
 * {@code dev.fsview.fake.setup}.
 */
package dev.fsview.fake.mount;
