package dev.infradash.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infradash.testsupport.PromQLLiterals;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PromQLTest {

    @Test
    void quotesHostileValues() {
        assertThat(PromQL.quote("a\"}")).isEqualTo("\"a\\\"}\"");
        assertThat(PromQL.quote("x\n")).isEqualTo("\"x\\n\"");
        assertThat(PromQL.quote("C:\\dir\\")).isEqualTo("\"C:\\\\dir\\\\\"");
        assertThat(PromQL.quote("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
        assertThat(PromQL.quote("\u0000\u0007\u001b\u007f\u0085\u202e\ufeff\r\t"))
                .isEqualTo("\"\\u0000\\u0007\\u001B\\u007F\\u0085\\u202E\\uFEFF\\r\\t\"");
        assertThat(PromQL.quote("")).isEqualTo("\"\"");
        assertThat(PromQL.quote("héllo 🚀")).isEqualTo("\"héllo 🚀\"");
    }

    @Test
    void hostileValuesRoundTripThroughGoUnquote() {
        for (String s : new String[] {
            "a\"}",
            "x\n",
            "\\",
            "\\\"",
            "\\\\\"} or vector(1) #",
            "\u2028",
            "\u0000\u001f\u007f",
            "'`",
            "\"\"\"",
            "}) or up{job=~\".+\"",
            "\uD83D\uDE80"
        }) {
            assertThat(PromQLLiterals.unquote(PromQL.quote(s))).isEqualTo(s);
        }
    }

    @Test
    void randomStringsRoundTrip() {
        char[] alphabet = ("abc \"\\'`{}=~,\n\r\t\u0000\u0001\u001f\u007f\u0080\u0085\u009f\u00a0é€"
                        + "\u200b\u200e\u2028\u2029\u202e\u2066\ufeff\uffff")
                .toCharArray();
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                if (random.nextInt(10) == 0) {
                    s.appendCodePoint(0x1F600 + random.nextInt(50)); // a proper surrogate pair
                } else {
                    s.append(alphabet[random.nextInt(alphabet.length)]);
                }
            }
            String quoted = PromQL.quote(s.toString());
            assertThat(PromQLLiterals.unquote(quoted))
                    .as("round trip of %s", quoted)
                    .isEqualTo(s.toString());
            assertThat(quoted.chars().filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                    .as("no raw control characters in %s", quoted)
                    .isEmpty();
        }
    }

    @Test
    void loneSurrogateBecomesReplacementCharacter() {
        assertThat(PromQL.quote("a\uD800b")).isEqualTo("\"a\\uFFFDb\"");
        assertThat(PromQLLiterals.unquote(PromQL.quote("\uDC00"))).isEqualTo("\uFFFD");
    }

    @Test
    void matcherValidatesLabelName() {
        assertThat(PromQL.matcher("server", "ai\"server")).isEqualTo("server=\"ai\\\"server\"");
        assertThat(PromQL.matcher("_a1", "")).isEqualTo("_a1=\"\"");
        for (String bad : new String[] {"", "1a", "a-b", "a b", "a\"", "sérvér", "a}"}) {
            assertThatThrownBy(() -> PromQL.matcher(bad, "x")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PromQL.matcher(null, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goUnquoteRejectsWhatPromQLRejects() {
        for (String bad :
                new String[] {"\"a", "\"a\"b\"", "\"\\q\"", "\"\\'\"", "\"a\nb\"", "\"\\uD800\"", "\"\\u12\""}) {
            assertThatThrownBy(() -> PromQLLiterals.unquote(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
