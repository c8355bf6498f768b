/**
 * fsview's API: views of a container's file system ({@link dev.fsview.FsView},
 * {@link dev.fsview.FsViews}, the specs, stats and errors) and the provider interface
 * ({@code dev.fsview.spi}), exported to everyone: {@code FsViews.provider(name)} and
 * {@code FsViews.providers()} hand providers to users, so the SPI's root package is public API
 * too. What only backends build on (the task dispatcher, errno translation, the NIO base classes)
 * is exported to the backends, the conformance kit (errno translation) and the
 * benchmarks alone. The backends are found with the
 * {@link java.util.ServiceLoader}.
 */
module dev.fsview.api {
    requires org.slf4j;

    exports dev.fsview;
    exports dev.fsview.spi;
    exports dev.fsview.spi.dispatch to
            dev.fsview.linux,
            dev.fsview.fake,
            dev.fsview.benchmarks;
    exports dev.fsview.spi.errno to
            dev.fsview.linux,
            dev.fsview.fake,
            dev.fsview.testkit;
    exports dev.fsview.spi.nio to
            dev.fsview.linux,
            dev.fsview.fake;

    uses dev.fsview.spi.FsViewProvider;
}
