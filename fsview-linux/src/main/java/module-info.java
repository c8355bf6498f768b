/**
 * The {@code linux} backend: real mount namespaces, bind mounts and a root switch, through JNA. It
 * exports nothing: users reach it through {@code dev.fsview.FsViews} and the
 * {@link java.util.ServiceLoader}, never by name, so none of its classes is API.
 */
module dev.fsview.linux {
    requires dev.fsview.api;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires org.slf4j;
    // sun.misc.Unsafe: preload.ClassPathLoaders reads the class path the application loader serves.
    requires jdk.unsupported;

    // JNA reads the fields of sys's Structures and proxies its Library interfaces reflectively.
    opens dev.fsview.linux.sys to
            com.sun.jna;

    provides dev.fsview.spi.FsViewProvider with
            dev.fsview.linux.LinuxProvider;
}
