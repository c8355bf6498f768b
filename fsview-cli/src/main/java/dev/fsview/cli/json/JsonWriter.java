package dev.fsview.cli.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON for fsview's output: maps (in their iteration order), lists, strings, numbers,
 * booleans and null, on one line, as Go's {@code encoding/json} would (so {@code <}, {@code >} and
 * {@code &} are escaped too, and the output is safe to paste into HTML or a shell heredoc).
 */
public final class JsonWriter {
    private JsonWriter() {}

    /**
     * Renders a value as compact JSON.
     *
     * @param value a Map with String keys, List, CharSequence, Number, Boolean or null
     * @return the JSON text
     * @throws IllegalArgumentException for any other type
     */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value);
        return b.toString();
    }

    private static void append(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof CharSequence) {
            string(b, value.toString());
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            b.append(value);
        } else if (value instanceof Number) {
            b.append(new java.math.BigDecimal(value.toString()).toPlainString());
        } else if (value instanceof Map) {
            object(b, (Map<?, ?>) value);
        } else if (value instanceof List) {
            array(b, (List<?>) value);
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder b, Map<?, ?> map) {
        b.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            string(b, (String) e.getKey());
            b.append(':');
            append(b, e.getValue());
            if (it.hasNext()) {
                b.append(',');
            }
        }
        b.append('}');
    }

    private static void array(StringBuilder b, List<?> list) {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            append(b, list.get(i));
        }
        b.append(']');
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20
                            || c == '<'
                            || c == '>'
                            || c == '&'
                            || c == '\u2028'
                            || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
