/**
 * fsview's API: views of a container's file system ({@link dev.fsview.FsView},
 * {@link dev.fsview.FsViews}, the backends as users see them, the specs, stats and errors),
 * exported to everyone. The provider interface ({@code dev.fsview.spi} and below) is exported
 * only to the modules that build on it: the two backends, the conformance kit and the CLI (and the
 * task dispatcher to the benchmarks). A modular application therefore sees the API alone; the
 * backends are found with the {@link java.util.ServiceLoader}.
 */
module dev.fsview.api {
    requires org.slf4j;

    exports dev.fsview;
    exports dev.fsview.spi to
            dev.fsview.linux,
            dev.fsview.fake,
            dev.fsview.testkit,
            dev.fsview.cli;
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
