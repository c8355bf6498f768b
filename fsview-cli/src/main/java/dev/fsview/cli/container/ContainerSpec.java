package dev.fsview.cli.container;

import dev.fsview.ViewSpec;

/**
 * The container a command works on: what the view shows, and what fsview itself enforces on top.
 *
 * @param view the view's spec: the root and its mounts
 * @param rootReadOnly whether the container's rootfs is marked read-only ({@code --read-only}, or
 *     {@code root.readonly} in an OCI config): copies into the container may then write only to
 *     writable volumes, as Docker refuses "container rootfs is marked read-only"
 */
public record ContainerSpec(ViewSpec view, boolean rootReadOnly) {}
