package dev.fsview.linux.preload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seal of the system class path, without a view: a thread marked contained (a fresh one,
 * never JUnit's) finds nothing in class-path directories and reads jar entries from the jars the
 * host opened, while host threads see the class path as before.
 */
class ClassPathSealTest {
    /** A resource of this module's test-classes directory. */
    private static final String IN_A_DIRECTORY = "dev/fsview/linux/preload/ClassPathSealTest.class";
    /** A resource of a jar of the class path. */
    private static final String IN_A_JAR = "org/junit/jupiter/api/Test.class";

    @BeforeAll
    static void preload() throws Exception {
        Preloader.preload(List.of());
    }

    @Test
    void theClassPathIsSealedWithEveryDirectoryClassDefined() {
        ClassPathSeal.Report r = ClassPathSeal.report();
        System.out.println("fsview class-path seal on the test class path: " + r + " ("
                + r.nanos() / 1_000_000 + " ms)");
        assertThat(r.sealed()).as(r.notSealedBecause()).isTrue();
        assertThat(r.directories()).isPositive();
        assertThat(r.jars()).isPositive();
        assertThat(r.classesDefined()).isPositive();
    }

    @Test
    void aContainedThreadLooksNothingUpInClassPathDirectories() throws Exception {
        URL onHost = ClassLoader.getSystemResource(IN_A_DIRECTORY);
        assertThat(onHost).as("on a host thread").isNotNull();
        assertThat(onHost.getProtocol()).isEqualTo("file");
        List<Object> contained = onContainedThread(() -> {
            List<Object> out = new ArrayList<>();
            out.add(ClassLoader.getSystemResource(IN_A_DIRECTORY));
            out.add(ClassLoader.getSystemClassLoader()
                    .getResources(IN_A_DIRECTORY)
                    .hasMoreElements());
            try (InputStream in = onHost.openStream()) {
                out.add("read");
            } catch (java.io.IOException refused) {
                out.add("refused");
            }
            return out;
        });
        assertThat(contained).containsExactly(null, false, "refused");
        assertThat(ClassLoader.getSystemResource(IN_A_DIRECTORY))
                .as("on a host thread, after")
                .isEqualTo(onHost);
    }

    @Test
    void aContainedThreadReadsJarEntriesFromTheJarTheHostOpened() throws Exception {
        URL onHost = ClassLoader.getSystemResource(IN_A_JAR);
        assertThat(onHost.getProtocol()).isEqualTo("jar");
        byte[] hostBytes;
        try (InputStream in = onHost.openStream()) {
            hostBytes = in.readAllBytes();
        }
        byte[] containedBytes = onContainedThread(() -> {
            URL u = ClassLoader.getSystemResource(IN_A_JAR);
            var c = u.openConnection();
            c.setUseCaches(false);
            try (InputStream in = c.getInputStream()) {
                return in.readAllBytes();
            }
        });
        assertThat(containedBytes).isEqualTo(hostBytes);
        URL again = ClassLoader.getSystemResource(IN_A_JAR);
        assertThat(again).isEqualTo(onHost).hasSameHashCodeAs(onHost);
        assertThat(new URL(onHost.toExternalForm())).isEqualTo(again).hasSameHashCodeAs(again);
    }

    @Test
    void threadsStartedByAContainedThreadAreContained() throws Exception {
        boolean child = onContainedThread(() -> {
            AtomicReference<Boolean> seen = new AtomicReference<>();
            Thread t = new Thread(() -> seen.set(ClassPathSeal.isContained()));
            t.start();
            t.join();
            return seen.get();
        });
        assertThat(child).isTrue();
        assertThat(ClassPathSeal.isContained()).isFalse();
    }

    @Test
    void onlyPackageDirectoriesOfAClassPathDirectoryAreWalked(@TempDir Path dir) throws Exception {
        for (String f : List.of(
                "a/b/C.class",
                "a/b/C$D.class",
                "Top.class",
                "a/b/notes.txt",
                "not-a-package/E.class",
                "META-INF/versions/11/a/F.class",
                "module-info.class",
                "a/package-info.class",
                "a/b/G-1.class")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[0]);
        }
        assertThat(ClassPathSeal.classNames(dir))
                .containsExactlyInAnyOrder("a.b.C", "a.b.C$D", "Top");
    }

    private static <T> T onContainedThread(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    ClassPathSeal.markContained();
                    try {
                        result.set(body.call());
                    } catch (Exception e) {
                        failure.set(e);
                    }
                },
                "contained-for-a-test");
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
