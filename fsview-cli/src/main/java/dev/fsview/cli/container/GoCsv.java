package dev.fsview.cli.container;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line the way Go's {@code encoding/csv} reader does with its defaults, which is how
 * docker splits a {@code --mount} value: fields separated by commas, a field may be quoted with
 * {@code "} (a doubled {@code ""} inside stands for one quote), and a quote inside an unquoted
 * field is an error.
 */
final class GoCsv {
    private GoCsv() {}

    static List<String> fields(String line) throws IllegalArgumentException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a mount spec is one line");
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (pos < line.length() && line.charAt(pos) == '"') {
                pos = quoted(line, pos + 1, field);
            } else {
                while (pos < line.length() && line.charAt(pos) != ',') {
                    if (line.charAt(pos) == '"') {
                        throw new IllegalArgumentException("parse error on line 1, column "
                                + (pos + 1) + ": bare \" in non-quoted field");
                    }
                    field.append(line.charAt(pos++));
                }
            }
            fields.add(field.toString());
            if (pos >= line.length()) {
                return fields;
            }
            pos++; // the comma
        }
    }

    private static int quoted(String line, int start, StringBuilder field) {
        int pos = start;
        while (true) {
            if (pos >= line.length()) {
                throw new IllegalArgumentException("parse error on line 1, column " + (pos + 1)
                        + ": extraneous or missing \" in quoted-field");
            }
            char c = line.charAt(pos++);
            if (c != '"') {
                field.append(c);
            } else if (pos < line.length() && line.charAt(pos) == '"') {
                field.append('"');
                pos++;
            } else if (pos >= line.length() || line.charAt(pos) == ',') {
                return pos;
            } else {
                throw new IllegalArgumentException("parse error on line 1, column " + (pos + 1)
                        + ": extraneous or missing \" in quoted-field");
            }
        }
    }
}
