/**
 * A view's setup: {@link dev.fsview.fake.setup.ViewMounts} builds a view's mount namespace from its
 * spec with the Linux backend's steps and {@code SetupStep} ids. It drives the path walk and the
 * system calls of a process, so it sits above {@code walk} and {@code vfs}, not in {@code mount}
 * which they build on.
 */
package dev.fsview.fake.setup;
