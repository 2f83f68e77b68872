package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.testsupport.PromQLLiterals;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartQueriesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "web-1",
                "a\"}",
                "x\n",
                "a|b",
                ".*",
                "back\\slash",
                "(x)",
                "[x]",
                "^x$",
                "a+b?",
                "{1}",
                "x\"} or vector(1) #",
                "\u2028"
            })
    void hostileServerIdsMatchOnlyThemselves(String id) {
        String one = ChartQueries.oneServer(id);
        assertThat(one).startsWith("server=");
        assertThat(PromQLLiterals.unquote(one.substring("server=".length()))).isEqualTo(id);

        String several = ChartQueries.servers(List.of(id, "other"));
        String regex = PromQLLiterals.unquote(several.substring("server=~".length()));
        // Prometheus anchors label regexes; Java's regex agrees with RE2 on these escapes
        Pattern anchored = Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
        assertThat(anchored.matcher(id).matches()).isTrue();
        assertThat(anchored.matcher("other").matches()).isTrue();
        assertThat(anchored.matcher(id + "x").matches()).isFalse();
        assertThat(anchored.matcher("web-10").matches()).isFalse();
    }
}
