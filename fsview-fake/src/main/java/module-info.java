/**
 * The in-memory backend {@code fake}. Unlike the Linux backend it exports two packages: a user's
 * tests build a simulated host ({@code dev.fsview.fake.FakeHost}) and inject faults into it
 * ({@code dev.fsview.fake.host.Faults}, {@code ErrnoException}), so those are its API. The kernel
 * model below them (mounts, the walk, the system calls, the NIO provider) stays inside.
 */
module dev.fsview.fake {
    requires transitive dev.fsview.api;
    requires org.slf4j;
    // StrictClasses asks the JVM which classes are loaded (ClassLoadingMXBean, HotSpot's MBean).
    requires java.management;

    exports dev.fsview.fake;
    exports dev.fsview.fake.host;

    provides dev.fsview.spi.FsViewProvider with
            dev.fsview.fake.FakeProvider;
}
