package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValueKeepingMemberOrder() {
        Object value = JsonReader.parse(
                " {\"b\": [1, -2.5e3, 0.125], \"a\": {\"t\": true, \"f\": false, \"n\": null}, \"s\": \"x\"} ");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> object = (Map<?, ?>) value;
        assertThat(List.copyOf(object.keySet())).isEqualTo(List.of("b", "a", "s"));
        assertThat(object.get("b")).isEqualTo(List.of(1.0, -2500.0, 0.125));
        Map<?, ?> inner = (Map<?, ?>) object.get("a");
        assertThat(inner.get("t")).isEqualTo(true);
        assertThat(inner.get("f")).isEqualTo(false);
        assertThat(inner.containsKey("n")).isTrue();
        assertThat(inner.get("n")).isNull();
        assertThat(object.get("s")).isEqualTo("x");
    }

    @Test
    void readsStringEscapes() {
        assertThat(JsonReader.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00b5s\\u00D7\"")).isEqualTo("a\"b\\c/d\n\tµs×");
    }

    @Test
    void readsEmptyContainers() {
        assertThat(JsonReader.parse("[]")).isEqualTo(List.of());
        assertThat(JsonReader.parse("{}")).isEqualTo(Map.of());
        assertThat(JsonReader.parse("[[], {}]")).isEqualTo(List.of(List.of(), Map.of()));
    }

    @Test
    void readsJmhNumbersWrittenAsStrings() {
        assertThat(JsonReader.number("NaN")).isNaN();
        assertThat(JsonReader.number("Infinity")).isInfinite();
        assertThat(JsonReader.number(3.5)).isEqualTo(3.5);
        assertThat(JsonReader.number(null)).isNaN();
        assertThatThrownBy(() -> JsonReader.number("fast")).hasMessageContaining("fast");
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : Arrays.asList(
                "", "[1, 2,]", "{\"a\": 1,}", "[1] x", "{a: 1}", "\"open", "[01]", "[1.]", "nul", "[\"\t\"]", "-")) {
            assertThatThrownBy(() -> JsonReader.parse(bad))
                    .as("parsing <%s>", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offset");
        }
    }
}
