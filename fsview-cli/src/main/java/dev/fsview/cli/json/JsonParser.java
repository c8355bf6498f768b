package dev.fsview.cli.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser for the small documents fsview reads (an OCI bundle's
 * {@code config.json}). Objects become {@code Map<String, Object>} (insertion-ordered), arrays
 * {@code List<Object>}, strings {@code String}, numbers {@link BigDecimal}, literals
 * {@code Boolean} or {@code null}.
 *
 * <p>Strict means: no comments, no trailing commas, no leading zeros, no unescaped control
 * characters, no lone surrogates, nothing after the value, and no duplicate keys in an object —
 * a config with two {@code "source"} keys would be read one way by one runtime and another way by
 * another, so it is refused rather than guessed at. Nesting is limited so a hostile document cannot
 * exhaust the stack.
 */
public final class JsonParser {
    /** Deeper documents are refused; config.json nests four or five levels. */
    static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON document.
     *
     * @param text the document
     * @return the value it holds
     * @throws JsonException if the text is not exactly one well-formed JSON value
     */
    public static Object parse(String text) throws JsonException {
        JsonParser p = new JsonParser(text);
        if (text.startsWith("\uFEFF")) {
            // RFC 8259 section 8.1: parsers MAY ignore a byte order mark; an editor may have added
            // one.
            p.pos = 1;
        }
        p.skipWhitespace();
        Object value = p.value();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describeNext() + " after the JSON value");
        }
        return value;
    }

    private Object value() throws JsonException {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describeNext() + ", expected a value");
        }
    }

    private Map<String, Object> object() throws JsonException {
        enter();
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeNext() + ", expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value();
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeNext() + ", expected ',' or '}'");
            }
        }
    }

    private List<Object> array() throws JsonException {
        enter();
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("unexpected " + describeNext() + ", expected ',' or ']'");
            }
        }
    }

    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String string() throws JsonException {
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                escape(b);
            } else if (c < 0x20) {
                pos--;
                throw error("unescaped control character U+" + hex4(c) + " in a string");
            } else if (Character.isHighSurrogate(c)) {
                if (pos >= text.length() || !Character.isLowSurrogate(text.charAt(pos))) {
                    pos--;
                    throw error("unpaired surrogate U+" + hex4(c) + " in a string");
                }
                b.append(c).append(text.charAt(pos++));
            } else if (Character.isLowSurrogate(c)) {
                pos--;
                throw error("unpaired surrogate U+" + hex4(c) + " in a string");
            } else {
                b.append(c);
            }
        }
    }

    private void escape(StringBuilder b) throws JsonException {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '"':
                b.append('"');
                break;
            case '\\':
                b.append('\\');
                break;
            case '/':
                b.append('/');
                break;
            case 'b':
                b.append('\b');
                break;
            case 'f':
                b.append('\f');
                break;
            case 'n':
                b.append('\n');
                break;
            case 'r':
                b.append('\r');
                break;
            case 't':
                b.append('\t');
                break;
            case 'u':
                unicodeEscape(b);
                break;
            default:
                pos -= 2;
                throw error("invalid escape \\" + e);
        }
    }

    private void unicodeEscape(StringBuilder b) throws JsonException {
        char c = hexChar();
        if (Character.isHighSurrogate(c)) {
            if (text.startsWith("\\u", pos)) {
                pos += 2;
                char low = hexChar();
                if (Character.isLowSurrogate(low)) {
                    b.append(c).append(low);
                    return;
                }
            }
            throw error("unpaired surrogate \\u" + hex4(c) + " in a string");
        }
        if (Character.isLowSurrogate(c)) {
            throw error("unpaired surrogate \\u" + hex4(c) + " in a string");
        }
        b.append(c);
    }

    private char hexChar() throws JsonException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private BigDecimal number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (!digits()) {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("invalid number: digits expected after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("invalid number: digits expected in the exponent");
            }
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException | ArithmeticException e) {
            pos = start;
            throw error("number out of range");
        }
    }

    private boolean digits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeNext() + ", expected a value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw error("unexpected " + describeNext() + ", expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeNext() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        return c < 0x20 || c > 0x7e ? "character U+" + hex4(c) : "'" + c + "'";
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    private JsonException error(String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonException(message + " at line " + line + ", column " + column);
    }
}
