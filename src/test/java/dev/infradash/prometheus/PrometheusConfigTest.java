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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the product's Prometheus files with Prometheus' own tool: {@code promtool check config}
 * (which also loads the rule files named by {@code rule_files}) and {@code promtool check rules}.
 * The alert rules and their unit tests moved to the rules Infradash writes itself:
 * {@code alerting.RulesPromtoolTest} checks and tests the file it renders.
 *
 * <p>promtool is required, not optional: without it this test fails rather than skips, so a
 * machine that cannot check the rules never reports them as fine.
 */
class PrometheusConfigTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final String CONFIG = "prometheus/prometheus.yml";
    private static final String RULES = "prometheus/rules/infradash.yml";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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

    // ---- the alerts moved to the rules Infradash writes (alerting.DefaultRules) ------------

    @Test
    void theShippedRuleFileHoldsNoAlertsBecauseInfradashWritesThemItself() {
        // an alert here would fire twice: once from this file, once from infradash-managed.yml
        List<Object> alerts = new ArrayList<>();
        for (Object group : list(load(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                if (map(rule).get("alert") != null) {
                    alerts.add(map(rule).get("alert"));
                }
            }
        }
        assertThat(alerts).as("alert rules in %s", RULES).isEmpty();
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
