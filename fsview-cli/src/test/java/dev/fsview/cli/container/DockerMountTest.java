package dev.fsview.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.MountSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

class DockerMountTest {
    static final Path CWD = Path.of("/work/here");

    static MountSpec parse(String value) {
        return DockerMount.parse(value, CWD);
    }

    /** The four MountSpec options, as flags: writable, nonRecursive, roNonRecursive, roForceRecursive. */
    static String flags(MountSpec m) {
        return (m.writable() ? "W" : "-")
                + (m.nonRecursive() ? "N" : "-")
                + (m.readOnlyNonRecursive() ? "R" : "-")
                + (m.readOnlyForceRecursive() ? "F" : "-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // plain binds are writable, recursive
                "type=bind,source=/a,target=/b|W---",
                "type=bind,src=/a,dst=/b|W---",
                "type=bind,src=/a,destination=/b|W---",
                // readonly: recursively read-only, best effort (no option set)
                "type=bind,src=/a,dst=/b,readonly|----",
                "type=bind,src=/a,dst=/b,ro|----",
                "type=bind,src=/a,dst=/b,ro=true|----",
                "type=bind,src=/a,dst=/b,readonly=1|----",
                "type=bind,src=/a,dst=/b,readonly=0|W---",
                "type=bind,src=/a,dst=/b,ro=false|W---",
                "type=bind,src=/a,dst=/b,readonly,bind-recursive=enabled|----",
                // bind-recursive, as docker/cli maps it onto BindOptions
                "type=bind,src=/a,dst=/b,bind-recursive=disabled|WN--",
                "type=bind,src=/a,dst=/b,readonly,bind-recursive=disabled|-N--",
                "type=bind,src=/a,dst=/b,readonly,bind-recursive=writable|--R-",
                "type=bind,src=/a,dst=/b,readonly,bind-recursive=readonly|---F",
                "type=bind,src=/a,dst=/b,readonly,bind-recursive=readonly,bind-propagation=rprivate|---F",
                "type=bind,src=/a,dst=/b,bind-propagation=private|W---",
                "TYPE=BIND,SRC=/a,DST=/b,READONLY|----",
                "type=bind,src=/a,dst=/b,consistency=delegated|W---",
            })
    void bindOptionsMapOntoTheFourMountSpecOptionsAsDockerDoes(String value, String expected) {
        MountSpec m = parse(value);
        assertThat(m.type()).isEqualTo(MountSpec.Type.BIND);
        assertThat(m.source()).hasValue("/a");
        assertThat(m.destination()).isEqualTo("/b");
        assertThat(flags(m)).isEqualTo(expected);
    }

    @Test
    void aSourceStartingWithADotIsMadeAbsoluteAgainstTheWorkingDirectory() {
        assertThat(parse("type=bind,src=./data,dst=/d").source()).hasValue("/work/here/data");
        assertThat(parse("type=bind,src=../up,dst=/d").source()).hasValue("/work/up");
        assertThat(parse("type=bind,src=.,dst=/d").source()).hasValue("/work/here");
    }

    @Test
    void quotedFieldsMayHoldCommas() {
        MountSpec m = parse("type=bind,\"src=/a,b\",dst=/c");
        assertThat(m.source()).hasValue("/a,b");
        assertThat(parse("type=bind,\"src=/a\"\"b\",dst=/c").source()).hasValue("/a\"b");
    }

    @Test
    void tmpfsTakesSizeAndOctalMode() {
        MountSpec m = parse("type=tmpfs,target=/t,tmpfs-size=64m,tmpfs-mode=1770");
        assertThat(m.type()).isEqualTo(MountSpec.Type.TMPFS);
        assertThat(m.tmpfsSizeBytes()).isEqualTo(64L << 20);
        assertThat(m.tmpfsMode()).isEqualTo(01770);
        MountSpec d = parse("type=tmpfs,dst=/t");
        assertThat(d.tmpfsSizeBytes()).isZero();
        assertThat(d.tmpfsMode()).isEqualTo(01777);
        assertThat(parse("type=tmpfs,dst=/t,tmpfs-size=1.5g").tmpfsSizeBytes()).isEqualTo(3L << 29);
        assertThat(parse("type=tmpfs,dst=/t,tmpfs-size=512KiB").tmpfsSizeBytes())
                .isEqualTo(512L << 10);
        assertThat(parse("type=tmpfs,dst=/t,tmpfs-size=1000").tmpfsSizeBytes()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'   '|value is empty",
                "type=bind,src=/a|target is required",
                "type=bind, src=/a,dst=/b|option should not have whitespace",
                "type=bind,src= /a,dst=/b|value should not have whitespace",
                "type=bind,src=,dst=/b|invalid value for 'src': value is empty",
                "type=bind,src=/a,dst=/b,foo|invalid field 'foo' must be a key=value pair",
                "type=bind,src=/a,dst=/b,foo=bar|unknown option 'foo' in 'foo=bar'",
                "type=bind,src=/a,dst=/b,readonly=maybe|invalid value for readonly: maybe",
                "type=bind,src=/a,dst=/b,bind-recursive=sometimes|(must be \"enabled\", \"disabled\","
                        + " \"writable\", or \"readonly\")",
                "type=bind,src=/a,dst=/b,bind-recursive=writable|option 'bind-recursive=writable' requires"
                        + " 'readonly'",
                "type=bind,src=/a,dst=/b,bind-recursive=readonly|option 'bind-recursive=readonly' requires"
                        + " 'readonly'",
                "type=bind,src=/a,dst=/b,bind-nonrecursive|bind-nonrecursive is deprecated, use"
                        + " bind-recursive=disabled instead",
                "type=bind,src=/a,dst=/b,bind-create-src|bind-create-src is not supported",
                "type=bind,src=/a,dst=/b,tmpfs-size=1m|cannot mix 'tmpfs-*' options with mount type 'bind'",
                "type=tmpfs,dst=/t,bind-recursive=disabled|cannot mix 'bind-*' options with mount type"
                        + " 'tmpfs'",
                "type=tmpfs,dst=/t,volume-nocopy|cannot mix 'volume-*' options with mount type 'tmpfs'",
                "type=bind,src=/a,dst=/b,image-subpath=x|cannot mix 'image-*' options with mount type"
                        + " 'bind'",
                "src=/a,dst=/b|mount type 'volume' is not supported",
                "type=image,src=alpine,dst=/b|mount type 'image' is not supported",
                "type=bind,src=/a,dst=/b,bind-propagation=rshared|bind-propagation=rshared is not"
                        + " supported",
                "type=bind,src=/a,dst=/b,bind-propagation=weird|invalid propagation mode: weird",
                "type=bind,src=rel,dst=/b|'rel' mount path must be absolute",
                "type=bind,dst=/b|field Source must not be empty",
                "type=bind,src=/a,dst=rel|'rel' mount path must be absolute",
                "type=bind,src=/a,dst=/|destination: cannot be '/'",
                "type=tmpfs,src=/a,dst=/t|field Source must not be specified",
                "type=tmpfs,dst=/t,readonly|a read-only tmpfs is not supported",
                "type=tmpfs,dst=/t,tmpfs-size=lots|invalid value for tmpfs-size: lots",
                "type=tmpfs,dst=/t,tmpfs-mode=999|invalid value for tmpfs-mode: 999",
                "type=tmpfs,dst=/t,tmpfs-mode=17777|not a permission mode",
                "type=bind,src=/a\"b,dst=/c|bare \" in non-quoted field",
                "type=bind,\"src=/a\"x,dst=/c|extraneous or missing \" in quoted-field",
            })
    void invalidValuesAreRefusedWithDockersMessage(String value, String message) {
        assertThatThrownBy(() -> parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aNulByteOrANewlineIsRefused() {
        assertThatThrownBy(() -> parse("type=bind,src=/a\0b,dst=/c")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> parse("type=bind,src=/a,dst=/c\ntype=bind"))
                .hasMessageContaining("one line");
    }
}
