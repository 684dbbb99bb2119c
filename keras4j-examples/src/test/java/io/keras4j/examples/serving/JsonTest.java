package io.keras4j.examples.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.5e-3, 0, true, false, null], \"s\": \"x\\\"\\\\\\n\\u00e9\", \"o\": {}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(Arrays.asList(new Json.Num("1"), new Json.Num("-2.5e-3"), new Json.Num("0"), true, false, null), m.get("a"));
        assertEquals("x\"\\\n\u00e9", m.get("s"));
        assertEquals(Map.of(), m.get("o"));
        assertEquals(List.of(), Json.parse("[]"));
    }

    @Test
    void floatsGoThroughTextExactly() {
        float[] samples = {0.1f, 1e-38f, 3.4028235e38f, -7.006492e-45f, 123456.79f, Float.MIN_VALUE};
        for (float f : samples) {
            StringBuilder b = new StringBuilder();
            Json.appendFloat(b, f);
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(((Json.Num) Json.parse(b.toString())).floatValue()), b.toString());
        }
        StringBuilder nan = new StringBuilder();
        Json.appendFloat(nan, Float.NaN);
        assertEquals("null", nan.toString());
    }

    @Test
    void malformedTextIsRefusedWithItsOffset() {
        for (String bad : new String[] {"", "[1,]", "{\"a\" 1}", "[01]", "[1.]", "[-]", "\"open", "[1] x", "{a: 1}", "[1e]", "nul"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON at offset"), e.getMessage());
        }
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.parse(deep)).getMessage().contains("nested deeper"));
    }
}
