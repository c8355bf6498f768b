/**
 * The conformance kit: the contracts every backend passes, the differential against the JDK, host
 * fixtures, property testing and the architecture rules. A backend's tests extend its classes, so
 * it exports every package; it is open because JUnit and ArchUnit reflect on the contracts' test
 * methods and fields. It names no backend.
 */
open module dev.fsview.testkit {
    requires transitive dev.fsview.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.assertj.core;
    requires transitive com.tngtech.archunit;
    requires transitive com.tngtech.archunit.junit5.api;
    requires org.opentest4j;
    requires com.sun.jna;

    exports dev.fsview.testkit;
    exports dev.fsview.testkit.architecture;
    exports dev.fsview.testkit.containment;
    exports dev.fsview.testkit.contract;
    exports dev.fsview.testkit.differential;
    exports dev.fsview.testkit.host;
    exports dev.fsview.testkit.process;
    exports dev.fsview.testkit.property;
    exports dev.fsview.testkit.suite;
    exports dev.fsview.testkit.support;

    provides org.junit.jupiter.api.extension.Extension with
            dev.fsview.testkit.support.RequiredNotSkipped;
}
