/**
 * The path walk ({@link dev.fsview.fake.walk.PathWalker}), the one algorithm every lookup of the
 * fake goes through: a port of the kernel's {@code link_path_walk}.
 */
package dev.fsview.fake.walk;
