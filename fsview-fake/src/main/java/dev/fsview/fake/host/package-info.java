/**
 * The simulated kernel's objects: inodes of every type with owners, modes and nanosecond times,
 * dentries (what mounts attach to), superblocks (one per file system instance, each with its
 * device number), the {@link dev.fsview.fake.host.Kernel} lock that guards them all, and
 * {@link dev.fsview.fake.host.Faults}, the fault injection table.
 */
package dev.fsview.fake.host;
