package dev.fsview.cli.command;

import dev.fsview.PathStat;
import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.ParameterSpec;
import dev.fsview.cli.args.ParsedArgs;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.json.JsonWriter;
import dev.fsview.cli.view.ContainerPaths;
import dev.fsview.cli.view.ContainerSession;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code fsview stat PATH}: a path's metadata as one JSON object, as docker's stat has it. */
final class StatCommand extends ContainerCommand {
    static final CommandSpec SPEC = CommandSpec.of(
            "fsview stat",
            List.of("Prints a container path's metadata as one JSON object:"
                    + " name, size, mode (octal permission bits), type, mtime (RFC 3339) and linkTarget (for a"
                    + " symlink, its target resolved inside the container). A final symlink is not followed"
                    + " unless the path ends with '/'."),
            List.of(HELP),
            List.of(new ParameterSpec("PATH", "A container path.", true)));

    private final String path;

    StatCommand(ParsedArgs args) {
        path = args.positional(0, null);
    }

    @Override
    void run(ContainerSession session, Console console) throws Exception {
        PathStat st = ContainerPaths.stat(session.view(), ContainerPaths.absolute(path));
        console.out().println(JsonWriter.write(json(st)));
    }

    static Map<String, Object> json(PathStat st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", st.name());
        m.put("size", st.size());
        m.put("mode", String.format("%04o", st.permissions()));
        m.put("type", typeName(st.type()));
        m.put("mtime", DateTimeFormatter.ISO_INSTANT.format(st.mtime()));
        m.put("linkTarget", st.linkTarget());
        return m;
    }

    static String typeName(PathStat.FileType type) {
        switch (type) {
            case REGULAR:
                return "file";
            case CHAR_DEVICE:
                return "char-device";
            case BLOCK_DEVICE:
                return "block-device";
            default:
                return type.name().toLowerCase(Locale.ROOT);
        }
    }
}
