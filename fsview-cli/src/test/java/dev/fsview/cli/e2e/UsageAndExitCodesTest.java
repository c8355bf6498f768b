package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Exit 0 on success, 1 with one line when an operation fails, 2 with the usage for a bad command line. */
@ExtendWith(LeakCheck.class)
class UsageAndExitCodesTest {
    @TempDir
    Path tmp;

    HostileContainer c;

    @BeforeEach
    void container() throws IOException {
        c = new HostileContainer(tmp);
    }

    static void assertUsageError(Cli.Result r, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("fsview: ").contains(message).contains("Usage: fsview");
        assertThat(r.stderr()).doesNotContain("\tat ");
    }

    static void assertFailure(Cli.Result r, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).as("nothing on stdout").isEmpty();
        assertThat(r.stderr()).as("one line").endsWith("\n").doesNotContain("\tat ");
        assertThat(r.stderr().strip().lines()).hasSize(1);
        assertThat(r.stderr()).startsWith("fsview: ").contains(message);
    }

    @Test
    void helpIsPrintedOnStdoutWithExitZero() {
        Cli.Result r = Cli.with().run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains(
                        "Usage: fsview",
                        "--bundle",
                        "--root",
                        "--mount",
                        "--backend",
                        "stat",
                        "ls",
                        "cat",
                        "cp",
                        "mounts",
                        "Exit status:");
        Cli.Result cp = Cli.with().run("cp", "--help");
        assertThat(cp.status()).isZero();
        assertThat(cp.out()).contains("Usage: fsview cp", "'/.'", "read-only");
    }

    @Test
    void helpNamesACommandOrShowsTheTopUsage() {
        Cli.Result cp = Cli.with().run("help", "cp");
        assertThat(cp.status()).isZero();
        assertThat(cp.out()).startsWith("Usage: fsview cp [-hLq] SRC DEST\n");
        Cli.Result top = Cli.with().run("help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).startsWith("Usage: fsview [").contains("Commands:");
        Cli.Result ls = Cli.with().run("--root", "/r", "ls", "-l", "--help");
        assertThat(ls.status()).as("help before any view or container check").isZero();
        assertThat(ls.out()).startsWith("Usage: fsview ls [-ahl] [PATH]\n");
        assertThat(Cli.with().run("stat", "-h").out()).startsWith("Usage: fsview stat [-h] PATH\n");
    }

    @Test
    void aTopLevelUsageErrorListsEveryCommandThoughTheCommandLineNamedOne() {
        // Only the named subcommand is built (Commands); the top command's usage still lists all.
        for (String[] args : new String[][] {
            {"--frob", "ls"}, {"--bundle", "/b", "--root", "/r", "cp", "a", ":/b"}
        }) {
            Cli.Result r = Cli.with().run(args);
            assertThat(r.status()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr())
                    .contains("Commands:", "  stat", "  ls", "  cat", "  cp", "  mounts", "  help");
        }
    }

    @ParameterizedTest(name = "[{index}] fsview {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|a command is required",
                "--root /x|a command is required",
                "frobnicate|Unmatched argument",
                "--frob ls|Unknown option: '--frob'",
                "ls|choose the container with --root DIR, --bundle DIR, --pid PID or --container NAME",
                "--mount type=tmpfs,dst=/t ls|--mount and --read-only need --root DIR",
                "--bundle /b --root /r ls|--bundle cannot be combined with --root, --mount or --read-only",
                "--bundle /b --read-only ls|--bundle cannot be combined",
                "--backend bogus --root /r ls|Invalid value for option '--backend'",
                "--root /r --mount type=bind,src=/a ls|invalid --mount 'type=bind,src=/a': target is"
                        + " required",
                "--root /r --mount type=volume,src=v,dst=/v ls|mount type 'volume' is not supported",
                "--root /r --mount type=tmpfs,dst=/t --mount type=tmpfs,dst=/t/ ls|duplicate mount"
                        + " destination: /t",
                "--root /r stat|Missing required parameter: 'PATH'",
                "--root /r cp :/a|Missing required parameter: 'DEST'",
                "--root /r cp :/a :/b|copying between two container paths is not supported",
                "--root /r cp a b|one of SRC and DEST must be a container path",
                "--root /r cp - -|one of SRC and DEST must be a container path",
                "--root /r cp - ./local|one of SRC and DEST must be a container path",
                "--root /r cp '' :/b|a path can not be empty",
                "--root /r ls -x /|Unknown option: '-x'",
                "--root /r ls -lx /|Unknown option: '-x' (while processing option: '-lx')",
                "--root /r ls / /etc /usr|Unmatched arguments from index 4: '/etc', '/usr'",
                "--root --debug ls|Expected parameter for option '--root' but found '--debug'",
                "--root /r --root /s ls|option '--root' (DIR) should be specified only once",
                "--read-only=yes --root /r ls|option '--read-only' takes no value, but was given 'yes'",
                "--pid one ls|Invalid value for option '--pid': 'one' is not a long",
                "--root|Missing required parameter for option '--root' (DIR)",
                "help frob|Unknown subcommand 'frob'.",
                "--debug -- ls|Unmatched argument at index 2: 'ls'",
            })
    void aBadCommandLineExitsTwoWithTheUsage(String args, String message) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        for (int i = 0; i < argv.length; i++) {
            argv[i] = argv[i].equals("''") ? "" : argv[i];
        }
        assertUsageError(Cli.with().run(argv), message);
    }

    @Test
    void aMissingPathExitsOneWithOneLineAndNothingOnStdout() {
        for (String backend : new String[] {"linux", "fake"}) {
            if (backend.equals("linux") && !linuxAvailable()) {
                continue;
            }
            Cli cli = c.cli(backend);
            assertFailure(cli.run("stat", "/nope"), "stat: /nope: No such file or directory");
            assertFailure(cli.run("cat", "/nope"), "cat: /nope: No such file or directory");
            assertFailure(cli.run("ls", "/nope"), "ls: /nope: No such file or directory");
            assertFailure(cli.run("cat", "/dir"), "cat: /dir: Is a directory");
            assertFailure(cli.run("ls", "/dir/a.txt/"), "ls: /dir/a.txt/: Not a directory");
            assertFailure(cli.run("cat", "/dir/a.txt/"), "cat: /dir/a.txt/: Not a directory");
            assertFailure(cli.run("stat", "/dir/a.txt/"), "Not a directory");
            assertFailure(
                    cli.run("cp", ":/nope", tmp.resolve("x").toString()),
                    "cp: :/nope: No such file or directory");
        }
    }

    @Test
    void anArgumentStartingWithAnAtSignIsAPathNotAFileOfArguments() throws IOException {
        // Argument files ("@file", expanded by picocli by default) would let a container path
        // that starts with '@' read a host file as the command line: every argument is literal.
        Path args = tmp.resolve("args");
        Files.writeString(args, "--help\n");
        Cli cli = c.cli("fake");
        assertFailure(cli.run("cat", "@" + args), "cat: /@" + args + ": No such file or directory");
        Cli.Result top = Cli.with("@" + args).run();
        assertThat(top.status()).isEqualTo(2);
        assertThat(top.stderr())
                .startsWith("fsview: Unmatched argument at index 0: '@" + args + "'");
    }

    static boolean linuxAvailable() {
        return dev.fsview.FsViews.providers().stream()
                .anyMatch(p -> p.name().equals("linux") && p.availability().isAvailable());
    }

    @Test
    void hostSideProblemsExitOne() throws IOException {
        assertFailure(
                Cli.with("--backend", "fake", "--root", tmp.resolve("missing").toString())
                        .run("ls"),
                "root directory does not exist: " + tmp.resolve("missing"));
        assertFailure(
                Cli.with(
                                "--backend",
                                "fake",
                                "--root",
                                c.volRw.resolve("file.txt").toString())
                        .run("ls"),
                "root is not a directory");
        assertFailure(
                Cli.with(
                                "--backend",
                                "fake",
                                "--root",
                                c.root.toString(),
                                "--mount",
                                "type=bind,src=" + tmp.resolve("nosrc") + ",dst=/x")
                        .run("ls"),
                "bind source path does not exist: " + tmp.resolve("nosrc"));
        assertFailure(
                Cli.with("--backend", "fake", "--bundle", tmp.toString()).run("ls"),
                "not an OCI bundle: " + tmp.resolve("config.json") + " does not exist");
        Files.writeString(tmp.resolve("config.json"), "{\"root\": {\"path\": 1}}");
        assertFailure(
                Cli.with("--backend", "fake", "--bundle", tmp.toString()).run("ls"),
                "root.path must be a string");
    }

    @Test
    void debugShowsStackTracesAndDebugLines() throws IOException {
        Files.writeString(
                tmp.resolve("config.json"),
                "{\"root\": {\"path\": \"root\"}, \"mounts\": ["
                        + "{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"}]}");
        Cli.Result quiet =
                Cli.with("--backend", "fake", "--bundle", tmp.toString()).run("cat", "/nope");
        assertThat(quiet.stderr()).doesNotContain("debug").doesNotContain("\tat ");
        Cli.Result debug = Cli.with("--backend", "fake", "--debug", "--bundle", tmp.toString())
                .run("cat", "/nope");
        assertThat(debug.status()).isEqualTo(1);
        assertThat(debug.stderr())
                .contains("fsview: debug: skipping the proc mount at /proc")
                .contains("fsview: cat: /nope: No such file or directory")
                .contains("NoSuchFileException")
                .contains("\tat ");
    }
}
