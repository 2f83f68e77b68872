package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartQueriesTest {

    /** Reverses PromQL string escaping for the characters quote() escapes. */
    private static String unquote(String literal) {
        assertThat(literal).startsWith("\"").endsWith("\"");
        StringBuilder out = new StringBuilder();
        String body = literal.substring(1, literal.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                throw new AssertionError("unescaped quote in " + literal);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-1", "a\"}", "x\n", "a|b", ".*", "back\\slash", "(x)", "[x]", "^x$", "a+b?", "{1}",
            "x\"} or vector(1) #", "\u2028"})
    void hostileServerIdsMatchOnlyThemselves(String id) {
        String one = ChartQueries.oneServer(id);
        assertThat(one).startsWith("server=");
        assertThat(unquote(one.substring("server=".length()))).isEqualTo(id);

        String several = ChartQueries.servers(List.of(id, "other"));
        String regex = unquote(several.substring("server=~".length()));
        // Prometheus anchors label regexes; Java's regex agrees with RE2 on these escapes
        Pattern anchored = Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
        assertThat(anchored.matcher(id).matches()).isTrue();
        assertThat(anchored.matcher("other").matches()).isTrue();
        assertThat(anchored.matcher(id + "x").matches()).isFalse();
        assertThat(anchored.matcher("web-10").matches()).isFalse();
    }
}
