package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class RuleValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleValidator.Known KNOWN =
            new RuleValidator.Known(Set.of("app-server", "ai-server"), Set.of("ops", "mail"), Set.of("highcpuusage"));

    private static AlertRule read(String json) throws Exception {
        return RuleValidator.read(JSON.readTree(json), "r1", KNOWN);
    }

    private static List<RuleFieldError> errors(String json) {
        try {
            read(json);
        } catch (InvalidRuleException e) {
            return e.errors();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void theIssuesExampleIsADownRuleForEveryServerAndEveryChannel() throws Exception {
        AlertRule rule = read(
                "{\"name\": \"down-fast\", \"condition\": \"down\", \"for\": \"15s\", \"severity\": \"critical\"}");
        assertThat(rule.condition()).isEqualTo(RuleCondition.DOWN);
        assertThat(rule.forDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(rule.scope()).isEqualTo(RuleScope.all());
        assertThat(rule.channels()).isEmpty();
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.alertName()).isEqualTo("down_fast");
    }

    @Test
    void aThresholdConditionWithScopeAndChannelsReadsBack() throws Exception {
        AlertRule rule = read("{\"name\": \"CPU hot\", \"condition\": \"cpu\", \"threshold\": 92.5, \"for\": \"1h30m\","
                + " \"severity\": \"warning\", \"scope\": {\"servers\": [\"ai-server\"]}, \"channels\": [\"ops\"]}");
        assertThat(rule.threshold()).isEqualTo(92.5);
        assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(rule.scope()).isEqualTo(RuleScope.servers(List.of("ai-server")));
        assertThat(RuleExpressions.sentence(rule)).isEqualTo("CPU above 92.5 % for 1 h 30 m");
        AlertRule again = RuleValidator.read(RuleJson.write(rule, JSON), "r1", KNOWN);
        assertThat(again).isEqualTo(rule);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\\\"b", "x\\\"} or vector(1) #", "evil{severity=\\\"none\\\"}", "line\\nbreak", "{{ $labels.x }}",
                "{{ template }}", "quote's", "$value", "1starts-with-digit", ""
            })
    void labelOrTemplateInjectionInTheNameIsRefused(String name) {
        assertThat(errors("{\"name\": \"" + name + "\", \"condition\": \"down\", \"for\": \"1m\"}"))
                .extracting(RuleFieldError::field)
                .contains("name");
    }

    @ParameterizedTest
    @CsvSource({
        "cpu, 1e309",
        "cpu, 1000000000000",
        "cpu, -5",
        "cpu, 0",
        "cpu, 100",
        "memory, '\"90\"'",
        "gpu_temperature, 1e12",
        "disk_full_forecast, 0",
        "certificate_expiry, 1e309"
    })
    void aThresholdOutsideItsRangeIsRefused(String condition, String threshold) {
        assertThat(errors("{\"name\": \"t\", \"condition\": \"" + condition + "\", \"threshold\": " + threshold
                        + ", \"for\": \"1m\"}"))
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("threshold"));
    }

    @Test
    void aThresholdIsRequiredWhereTheConditionTakesOneAndRefusedWhereNot() {
        assertThat(errors("{\"name\": \"t\", \"condition\": \"cpu\", \"for\": \"1m\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("threshold");
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"threshold\": 5, \"for\": \"1m\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("threshold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5m", "0s", "0", "8d", "99999d", "5 minutes", "1y", "", "15"})
    void aNegativeZeroHugeOrMalformedForIsRefused(String lasting) {
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"" + lasting + "\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("for");
    }

    @Test
    void unknownConditionSeverityChannelServerAndFieldAreRefusedByName() {
        assertThat(errors("{\"name\": \"t\", \"condition\": \"disk_on_fire\", \"for\": \"1m\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("condition");
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"severity\": \"page\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("severity");
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"channels\": [\"nope\"]}"))
                .extracting(RuleFieldError::field)
                .containsExactly("channels");
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\","
                        + " \"scope\": {\"servers\": [\"typo-server\"]}}"))
                .extracting(RuleFieldError::field)
                .containsExactly("scope");
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"thresh\": 5}"))
                .extracting(RuleFieldError::field)
                .containsExactly("thresh");
        assertThat(errors("{\"name\": \"HighCpuUsage\", \"condition\": \"down\", \"for\": \"1m\"}"))
                .extracting(RuleFieldError::message)
                .containsExactly("another rule has this name");
    }

    @Test
    void aRoleNoServerHasYetIsAcceptedButMustBeWellFormed() throws Exception {
        assertThat(
                        read("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"scope\": {\"role\": \"gpu farm\"}}")
                                .scope())
                .isEqualTo(RuleScope.role("gpu farm"));
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\","
                        + " \"scope\": {\"role\": \"x\\\"}\"}}"))
                .extracting(RuleFieldError::field)
                .containsExactly("scope");
    }

    @Test
    void withoutAChannelDirectoryAnyWellFormedChannelIdIsAccepted() throws Exception {
        RuleValidator.Known noDirectory = new RuleValidator.Known(Set.of(), null, Set.of());
        JsonNode body =
                JSON.readTree("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"channels\": [\"later\"]}");
        assertThat(RuleValidator.read(body, "r", noDirectory).channels()).containsExactly("later");
        JsonNode bad =
                JSON.readTree("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"channels\": [\"a b\"]}");
        assertThatThrownBy(() -> RuleValidator.read(bad, "r", noDirectory)).isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void anAdvancedExpressionBelongsToTheAdvancedConditionOnly() {
        assertThat(errors("{\"name\": \"t\", \"condition\": \"advanced\", \"for\": \"1m\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("advanced");
        assertThat(errors("{\"name\": \"t\", \"condition\": \"down\", \"for\": \"1m\", \"advanced\": \"up == 0\"}"))
                .extracting(RuleFieldError::field)
                .containsExactly("advanced");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInjectedLookingAdvancedExpressionStaysOneYamlValue() throws Exception {
        AlertRule rule = read("{\"name\": \"t\", \"condition\": \"advanced\", \"for\": \"1m\","
                + " \"advanced\": \"up == 0\\n    labels: {severity: none}\\n  - alert: Injected\"}");
        String file = TestRules.renderer().render(List.of(rule));
        assertThat(RuleFileCheck.problems(file)).isEmpty();
        Map<String, Object> group = ((List<Map<String, Object>>)
                        new Yaml().<Map<String, Object>>load(file).get("groups"))
                .get(0);
        List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.get("expr")).isEqualTo("(" + rule.advanced() + ")");
            assertThat(r.get("labels")).isEqualTo(Map.of("severity", "warning", "infradash_rule", "r1"));
        });
    }
}
