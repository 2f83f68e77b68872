package dev.infradash.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the product's Prometheus files with Prometheus' own tool: {@code promtool check config}
 * (which also loads the rule files named by {@code rule_files}), {@code promtool check rules} and
 * {@code promtool test rules} (the alert unit tests), plus conventions promtool does not know:
 * every alert has a severity and a summary naming the server, and every alert has unit tests.
 *
 * <p>promtool is required, not optional: without it this test fails rather than skips, so a
 * machine that cannot check the rules never reports them as fine.
 */
class PrometheusConfigTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final String CONFIG = "prometheus/prometheus.yml";
    private static final String RULES = "prometheus/rules/infradash.yml";
    private static final String RULE_TESTS = "prometheus/rules/tests/infradash_test.yml";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> SEVERITIES = Set.of("critical", "warning");

    // ---- promtool ------------------------------------------------------------------------

    @Test
    void promtoolAcceptsTheConfigAndLoadsTheRuleFilesFromIt() {
        String output = assertPromtoolSucceeds("check", "config", CONFIG);
        // rule_files is a glob: a wrong path would match nothing and still pass, so insist on the file
        assertThat(output)
                .as("promtool check config must load the rule file:%n%s", output)
                .contains("rules/infradash.yml")
                .containsPattern("SUCCESS: \\d+ rules found");
    }

    @Test
    void promtoolAcceptsTheRules() {
        assertPromtoolSucceeds("check", "rules", RULES);
    }

    @Test
    void promtoolUnitTestsOfTheRulesPass() {
        assertPromtoolSucceeds("test", "rules", RULE_TESTS);
    }

    private static String assertPromtoolSucceeds(String... args) {
        if (!Files.isExecutable(PROMTOOL)) {
            fail(PROMTOOL + " is missing: run `apt-get install -y prometheus` (it ships promtool)");
        }
        List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        Path log = null;
        try {
            log = Files.createTempFile("promtool-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(BASEDIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String shown = String.join(" ", command);
            if (!finished) {
                fail("`%s` did not finish within %s; output so far:%n%s", shown, TIMEOUT, output);
            }
            assertThat(process.exitValue())
                    .as("exit code of `%s` (in %s); output:%n%s", shown, BASEDIR, output)
                    .isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    // ---- conventions ---------------------------------------------------------------------

    @Test
    void everyAlertHasASeverityAndASummaryNamingTheServer() {
        Map<String, Object> rules = load(RULES);
        assertThat(alerts(rules)).as("alerts in %s", RULES).isNotEmpty();
        assertThat(ruleProblems(rules)).as("convention problems in %s", RULES).isEmpty();
    }

    @Test
    void theConventionCheckCatchesAnAlertWithoutSeverityOrServer() {
        Map<String, Object> bad = new Yaml().load("""
                groups:
                  - name: example
                    rules:
                      - alert: NoSeverity
                        expr: up == 0
                        annotations:
                          summary: "{{ $labels.server }} is down"
                          description: "up = {{ $value }}"
                      - alert: NoServerInSummary
                        expr: up == 0
                        labels: {severity: critical}
                        annotations:
                          summary: "something is down"
                          description: "up = {{ $value }}"
                      - alert: OddSeverity
                        expr: up == 0
                        labels: {severity: page}
                        annotations:
                          summary: "{{ $labels.server }} is down"
                      - record: job:up:sum
                        expr: sum by (job) (up)
                """);
        assertThat(ruleProblems(bad))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("NoSeverity").contains("severity"))
                .anySatisfy(p -> assertThat(p).startsWith("NoServerInSummary").contains("$labels.server"))
                .anySatisfy(p -> assertThat(p).startsWith("OddSeverity").contains("severity"))
                .anySatisfy(p -> assertThat(p).startsWith("OddSeverity").contains("description"));
    }

    @Test
    void everyAlertHasAFiringAndANotFiringUnitTest() {
        Set<String> alertNames = new LinkedHashSet<>(alerts(load(RULES)).keySet());
        Map<String, Object> tests = load(RULE_TESTS);

        assertThat(list(tests.get("rule_files")))
                .as("rule_files of %s", RULE_TESTS)
                .contains("../infradash.yml");

        Set<String> referenced = new LinkedHashSet<>();
        Set<String> firing = new LinkedHashSet<>();
        Set<String> notFiring = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Object testGroup : list(tests.get("tests"))) {
            for (Object c : list(map(testGroup).get("alert_rule_test"))) {
                Map<String, Object> ruleTest = map(c);
                String alertname = String.valueOf(ruleTest.get("alertname"));
                referenced.add(alertname);
                List<Object> expected = list(ruleTest.get("exp_alerts"));
                if (expected.isEmpty()) {
                    notFiring.add(alertname);
                    continue;
                }
                firing.add(alertname);
                for (Object e : expected) {
                    Map<String, Object> alert = map(e);
                    Object server = map(alert.get("exp_labels")).get("server");
                    Object summary = map(alert.get("exp_annotations")).get("summary");
                    if (server == null || summary == null || !summary.toString().contains(server.toString())) {
                        problems.add(alertname + " at " + ruleTest.get("eval_time")
                                + ": expected alert must check a server label and a summary naming it, got " + alert);
                    }
                }
            }
        }
        assertThat(referenced).as("alerts with a test case in %s", RULE_TESTS).containsAll(alertNames);
        assertThat(firing)
                .as("alerts with a firing test case (non-empty exp_alerts)")
                .containsAll(alertNames);
        assertThat(notFiring)
                .as("alerts with a not-firing test case (exp_alerts: [])")
                .containsAll(alertNames);
        assertThat(referenced)
                .as("test cases for alerts that do not exist in %s", RULES)
                .isSubsetOf(alertNames);
        assertThat(problems).isEmpty();
    }

    /** What is wrong with the alerting rules of a parsed rule file; recording rules are ignored. */
    static List<String> ruleProblems(Map<String, Object> ruleFile) {
        List<String> problems = new ArrayList<>();
        alerts(ruleFile).forEach((name, rule) -> {
            Object severity = map(rule.get("labels")).get("severity");
            if (severity == null || !SEVERITIES.contains(severity.toString())) {
                problems.add(name + ": labels.severity must be one of " + SEVERITIES + ", is " + severity);
            }
            Map<String, Object> annotations = map(rule.get("annotations"));
            Object summary = annotations.get("summary");
            if (summary == null || !summary.toString().contains("$labels.server")) {
                problems.add(name + ": annotations.summary must name the server ({{ $labels.server }}), is " + summary);
            }
            Object description = annotations.get("description");
            if (description == null || !description.toString().contains("$value")) {
                problems.add(name + ": annotations.description must show the value ({{ $value }}), is " + description);
            }
        });
        return problems;
    }

    /** Alerting rules by name, over all groups; a duplicate name is an error. */
    private static Map<String, Map<String, Object>> alerts(Map<String, Object> ruleFile) {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Object group : list(ruleFile.get("groups"))) {
            for (Object r : list(map(group).get("rules"))) {
                Map<String, Object> rule = map(r);
                if (rule.get("alert") != null) {
                    String name = rule.get("alert").toString();
                    assertThat(alerts.put(name, rule))
                            .as("duplicate alert %s", name)
                            .isNull();
                }
            }
        }
        return alerts;
    }

    private static Map<String, Object> load(String relativePath) {
        try (Reader reader = Files.newBufferedReader(BASEDIR.resolve(relativePath), StandardCharsets.UTF_8)) {
            Map<String, Object> yaml = new Yaml().load(reader);
            assertThat(yaml).as("content of %s", relativePath).isNotNull();
            return yaml;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + relativePath + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
