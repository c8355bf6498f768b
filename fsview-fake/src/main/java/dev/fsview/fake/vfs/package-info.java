/**
 * The system calls of one simulated process ({@link dev.fsview.fake.vfs.Vfs}) and its open file
 * descriptions ({@link dev.fsview.fake.vfs.OpenFile}): the kernel's checks, in the kernel's order.
 */
package dev.fsview.fake.vfs;
