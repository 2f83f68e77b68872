package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a broken targets file showed the parser's text ("[Source: REDACTED
 * (`StreamReadFeature...") in the banner. Now: where, and what is wrong, in words.
 */
class JsonProblemsTest {

    private final TargetFile file = new TargetFile(new ObjectMapper());

    private String problem(String content) {
        return catchThrowableOfType(InvalidTargetFileException.class, () -> file.parse(content, "targets.json"))
                .getMessage();
    }

    @Test
    void aTruncatedFileSaysSoWithoutParserInternals() {
        String message = problem("[\n  {\"targets\": [\"10.0.0.1:9100\"],\n");
        assertThat(message)
                .startsWith("targets.json is not valid JSON: line ")
                .contains("the file ends too early")
                .doesNotContain("Source")
                .doesNotContain("StreamReadFeature")
                .doesNotContain("REDACTED");
    }

    @Test
    void aTrailingCommaIsPlacedByLineAndColumn() {
        String message = problem("[\n  {\"targets\": [\"10.0.0.1:9100\"],\n   \"labels\": {\"server\": \"a\",}}\n]");
        assertThat(message)
                .contains("line 3, column ")
                .contains("unexpected \"}\" where a name in double quotes belongs")
                .doesNotContain("code 125");
    }

    @Test
    void aMissingCommaAndAnUnquotedWordAreNamed() {
        assertThat(problem("[{\"targets\": [\"a:1\"] \"labels\": {}}]")).contains("a comma is missing");
        assertThat(problem("[{\"targets\": [web:9100]}]"))
                .contains("line 1, column ")
                .contains("unknown word \"web")
                .contains("double quotes");
    }
}
