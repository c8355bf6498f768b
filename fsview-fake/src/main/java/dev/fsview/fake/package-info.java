/**
 * The in-memory backend {@code fake}: {@link dev.fsview.fake.FakeHost}, a simulated Linux host
 * that tests build and inspect, {@link dev.fsview.fake.FakeView}, views over it with the Linux
 * backend's semantics, and {@link dev.fsview.fake.FakeProvider}, the provider the
 * {@link java.util.ServiceLoader} finds (which imports real trees from disk for dry runs).
 *
 * <p>The packages below follow the kernel's own division: {@code host} (inodes, dentries,
 * superblocks, the lock and fault injection), {@code mount} (mounts, namespaces),
 * {@code walk} (the path walk), {@code vfs} (the system calls of one process), {@code setup} (a
 * view's namespace built from its spec) and {@code nio} (the JDK's Unix file system provider,
 * ported onto those system calls). Each package uses only those before it.
 */
package dev.fsview.fake;
