package dev.infradash.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.QueryParameters;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The detail view's URL takes the series API's hostile values (issue 12) without an error page. */
class WindowParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "from={0} to={1}")
    @CsvSource({
        "1795780800, 99999999999999999",
        "-1000000000-01-01T00:00:00Z, 1795780800",
        "1795780800, +1000000000-12-31T23:59:59Z",
        "0, 1795780800"
    })
    void anOutOfRangeWindowIsNoWindow(String from, String to) {
        assertThat(WindowParameters.parse(QueryParameters.simple(Map.of("from", from, "to", to)), NOW))
                .isEmpty();
    }
}
