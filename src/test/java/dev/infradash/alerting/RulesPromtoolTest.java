package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The rule file Infradash writes, judged by Prometheus' own tool: the file rendered from the
 * default rules (which replaced the static prometheus/rules/infradash.yml) and from one rule per
 * other condition pass {@code promtool check rules} and their {@code promtool test rules} unit
 * tests, which prove each fires on its series and not below its threshold or outside its scope.
 */
class RulesPromtoolTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @TempDir
    Path dir;

    @Test
    void theDefaultRulesPassPromtoolCheckAndTheirUnitTests() throws IOException {
        String output = renderAndTest(DefaultRules.rules(), "default_rules_test.yml");
        assertThat(output).contains("SUCCESS: " + DefaultRules.rules().size() + " rules found");
    }

    @Test
    void everyOtherConditionPassesPromtoolCheckAndItsUnitTests() throws IOException {
        renderAndTest(TestRules.conditionRules(), "conditions_test.yml");
    }

    @Test
    void everyConditionIsRenderedAndUnitTested() {
        Set<RuleCondition> covered = new LinkedHashSet<>();
        DefaultRules.rules().forEach(rule -> covered.add(rule.condition()));
        TestRules.conditionRules().forEach(rule -> covered.add(rule.condition()));
        assertThat(covered).containsExactlyInAnyOrder(RuleCondition.values());
    }

    @Test
    void everyAlertHasAFiringAndANotFiringCaseNamingTheServerAndTheRule() throws IOException {
        assertConventions(DefaultRules.rules(), "default_rules_test.yml");
        assertConventions(TestRules.conditionRules(), "conditions_test.yml");
    }

    @Test
    void promtoolRefusesWhatTheOwnCheckRefusesToo() throws IOException {
        // the pre-check must agree with promtool on a broken file, or it proves nothing
        String broken = "groups:\n- name: x\n  rules:\n  - alert: bad name\n    expr: up == 0\n    for: 5 minutes\n"
                + "    labels: {severity: critical}\n";
        Files.writeString(dir.resolve("broken.yml"), broken);
        assertThat(Promtool.run(dir, "check", "rules", "broken.yml").exitCode()).isNotZero();
        assertThat(RuleFileCheck.problems(broken))
                .anySatisfy(p -> assertThat(p).contains("invalid alert name"))
                .anySatisfy(p -> assertThat(p).contains("invalid for"));
    }

    private String renderAndTest(List<AlertRule> rules, String tests) throws IOException {
        String file = TestRules.renderer().render(rules);
        assertThat(RuleFileCheck.problems(file)).as("own check of%n%s", file).isEmpty();
        Files.writeString(dir.resolve("infradash-managed.yml"), file);
        Files.writeString(dir.resolve(tests), resource(tests));
        String output = Promtool.assertSucceeds(dir, "check", "rules", "infradash-managed.yml");
        Promtool.assertSucceeds(dir, "test", "rules", tests);
        return output;
    }

    @SuppressWarnings("unchecked")
    private static void assertConventions(List<AlertRule> rules, String tests) throws IOException {
        Map<String, Object> rendered = new Yaml().load(TestRules.renderer().render(rules));
        List<String> problems = new ArrayList<>();
        Map<String, String> ids = rules.stream().collect(Collectors.toMap(AlertRule::alertName, AlertRule::id));
        for (Object group : (List<Object>) rendered.get("groups")) {
            for (Object r : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                Map<String, Object> rule = (Map<String, Object>) r;
                Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                if (!SEVERITIES.contains(String.valueOf(labels.get("severity")))) {
                    problems.add(rule.get("alert") + ": severity " + labels.get("severity"));
                }
                if (!String.valueOf(annotations.get("summary")).contains("$labels.server")) {
                    problems.add(rule.get("alert") + ": summary does not name the server");
                }
                if (!String.valueOf(annotations.get("description")).contains("$value")
                        && !String.valueOf(annotations.get("description")).contains("$labels.server")) {
                    problems.add(rule.get("alert") + ": description says neither value nor server");
                }
            }
        }
        Set<String> firing = new LinkedHashSet<>();
        Set<String> notFiring = new LinkedHashSet<>();
        Map<String, Object> suite = new Yaml().load(resource(tests));
        for (Object testGroup : (List<Object>) suite.get("tests")) {
            for (Object c : (List<Object>) ((Map<String, Object>) testGroup).get("alert_rule_test")) {
                Map<String, Object> ruleTest = (Map<String, Object>) c;
                String name = String.valueOf(ruleTest.get("alertname"));
                List<Object> expected = (List<Object>) ruleTest.get("exp_alerts");
                (expected.isEmpty() ? notFiring : firing).add(name);
                for (Object e : expected) {
                    Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) e).get("exp_labels");
                    Object summary =
                            ((Map<String, Object>) ((Map<String, Object>) e).get("exp_annotations")).get("summary");
                    if (labels.get("server") == null
                            || !String.valueOf(summary).contains(String.valueOf(labels.get("server")))) {
                        problems.add(name + ": an expected alert without server label or summary naming it");
                    }
                    if (!Objects.equals(labels.get(RuleRoutes.RULE_LABEL), ids.get(name))) {
                        problems.add(name + ": expected alert without " + RuleRoutes.RULE_LABEL + "=" + ids.get(name));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(firing)
                .as("alerts with a firing case in %s", tests)
                .containsExactlyInAnyOrderElementsOf(ids.keySet());
        assertThat(notFiring)
                .as("alerts with a not-firing case in %s", tests)
                .containsExactlyInAnyOrderElementsOf(ids.keySet());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RulesPromtoolTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
