package dev.fsview.cli.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

class JsonParserTest {

    @Test
    @SuppressWarnings("unchecked")
    void parsesEveryKindOfValueKeepingKeyOrder() throws Exception {
        Object v = JsonParser.parse(
                " {\"b\": [1, -2.5e3, true, false, null], \"a\": {\"x\": \"y\"}} ");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a");
        assertThat((List<Object>) m.get("b"))
                .containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null);
        assertThat(m.get("a")).isEqualTo(Map.of("x", "y"));
    }

    @Test
    void decodesEscapesIncludingSurrogatePairs() throws Exception {
        assertThat(JsonParser.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
    }

    @Test
    void acceptsAByteOrderMarkAndEmptyContainers() throws Exception {
        assertThat(JsonParser.parse("\uFEFF{}")).isEqualTo(Map.of());
        assertThat(JsonParser.parse("[]")).isEqualTo(List.of());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\": 1,}|expected a string key",
                "[1, 2,]|expected a value",
                "{\"a\": 1} // comment|after the JSON value",
                "/* c */ {}|expected a value",
                "01|leading zero",
                "1.|digits expected after '.'",
                "1e|digits expected in the exponent",
                "-|invalid number",
                "\"\\x\"|invalid escape",
                "\"\\u12\"|\\u escape",
                "\"\\ud800\"|unpaired surrogate",
                "\"\\udc00\"|unpaired surrogate",
                "{\"a\": 1, \"a\": 2}|duplicate key \"a\"",
                "{\"a\" 1}|expected ':'",
                "[1 2]|expected ',' or ']'",
                "{\"a\": 1 \"b\": 2}|expected ',' or '}'",
                "tru|expected a value",
                "\"abc|unterminated string",
                "''|expected a value",
                "{1: 2}|expected a string key",
            })
    void refusesMalformedDocuments(String text, String message) {
        assertThatThrownBy(() -> JsonParser.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesEmptyInputAndRawControlCharacters() {
        assertThatThrownBy(() -> JsonParser.parse(""))
                .hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> JsonParser.parse("\"a\nb\""))
                .hasMessageContaining("unescaped control character U+000A");
        assertThatThrownBy(() -> JsonParser.parse("\"a\uD800b\""))
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void reportsLineAndColumn() {
        assertThatThrownBy(() -> JsonParser.parse("{\n  \"a\": [1,\n   ]\n}"))
                .hasMessageEndingWith("at line 3, column 4");
    }

    @Test
    void refusesNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonParser.parse(deep))
                .hasMessageContaining("nesting deeper than");
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        org.assertj.core.api.Assertions.assertThatCode(() -> JsonParser.parse(ok))
                .doesNotThrowAnyException();
    }

    @Test
    void writerEscapesLikeGoAndRoundTrips() throws Exception {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", "a\"b\\<c>&\n\u0001é");
        m.put("size", 42L);
        m.put("ok", true);
        m.put("none", null);
        m.put("list", List.of(1, "x"));
        String json = JsonWriter.write(m);
        assertThat(json)
                .isEqualTo("{\"name\":\"a\\\"b\\\\\\u003cc\\u003e\\u0026\\n\\u0001é\","
                        + "\"size\":42,\"ok\":true,\"none\":null,\"list\":[1,\"x\"]}");
        Map<?, ?> back = (Map<?, ?>) JsonParser.parse(json);
        assertThat(back.get("name")).isEqualTo(m.get("name"));
    }
}
