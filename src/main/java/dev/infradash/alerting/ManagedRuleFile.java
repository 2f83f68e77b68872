package dev.infradash.alerting;

import dev.infradash.base.AtomicFile;
import dev.infradash.base.FileOperations;
import dev.infradash.prometheus.PrometheusClient;
import dev.infradash.prometheus.PrometheusException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infradash's own Prometheus rule file ({@code infradash.alerting.rule-file}). A new version is
 * checked as {@code promtool check rules} would ({@link RuleFileCheck}; Prometheus parses the
 * expressions, {@link #checkExpression}), replaced atomically and loaded with {@code /-/reload}.
 * When Prometheus refuses it, the last good file goes back and Prometheus reloads that, so the
 * file on disk is always one Prometheus accepted.
 */
final class ManagedRuleFile {

    private static final Logger log = LoggerFactory.getLogger(ManagedRuleFile.class);

    private final AtomicFile file;
    private final PrometheusClient prometheus;

    ManagedRuleFile(Path path, PrometheusClient prometheus, FileOperations files) {
        this.file = new AtomicFile(path, Clock.systemUTC(), files);
        this.prometheus = prometheus;
    }

    Path path() {
        return file.path();
    }

    @Nullable
    String current() throws IOException {
        return Files.exists(file.path()) ? Files.readString(file.path(), StandardCharsets.UTF_8) : null;
    }

    /**
     * Asks Prometheus to evaluate the expression, which parses it: a PromQL error comes back as
     * Prometheus' message. Throws {@link RuleFileRefusedException} when Prometheus cannot be asked.
     *
     * @return Prometheus' parse error, or null when the expression is fine
     */
    @Nullable
    String checkExpression(String expression) {
        try {
            prometheus.query(expression, Instant.now());
            return null;
        } catch (PrometheusException e) {
            if (e.kind() == PrometheusException.Kind.QUERY_ERROR && "bad_data".equals(e.errorType())) {
                return String.valueOf(e.prometheusError());
            }
            if (e.kind() == PrometheusException.Kind.QUERY_ERROR) {
                return null; // it parsed; evaluating it failed (e.g. a timeout), which a rule may survive
            }
            throw new RuleFileRefusedException(
                    "Prometheus could not check the expression: " + e.getMessage() + ". Nothing was changed", e);
        }
    }

    /** Writes {@code content}, reloads Prometheus; on refusal restores the last good file and throws. */
    void install(String content) {
        install(content, false);
    }

    /**
     * As {@link #install(String)}; with {@code keepWhenUnreachable} (at start, for rules that were
     * validated when they were saved) the file stays when Prometheus cannot be reached at all: it
     * reads the file when it starts. A Prometheus that answers and refuses still gets the old file.
     */
    void install(String content, boolean keepWhenUnreachable) {
        List<String> problems = RuleFileCheck.problems(content);
        if (!problems.isEmpty()) {
            throw new RuleFileRefusedException("The rule file would be invalid: " + String.join("; ", problems), null);
        }
        String lastGood;
        try {
            lastGood = current();
            if (content.equals(lastGood)) {
                reloadOrThrow();
                return;
            }
            file.replace(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuleFileRefusedException(
                    "Cannot write the rule file " + file.path() + ": " + e + ". Nothing was changed", e);
        }
        try {
            reloadOrThrow();
        } catch (RuleFileRefusedException refused) {
            if (keepWhenUnreachable
                    && refused.getCause() instanceof PrometheusException e
                    && e.kind() != PrometheusException.Kind.HTTP_ERROR) {
                throw refused;
            }
            restore(lastGood);
            throw refused;
        }
    }

    private void reloadOrThrow() {
        try {
            prometheus.reload();
        } catch (PrometheusException e) {
            throw new RuleFileRefusedException("Prometheus refused the rule file: " + e.getMessage(), e);
        }
    }

    private void restore(@Nullable String lastGood) {
        try {
            if (lastGood == null) {
                Files.deleteIfExists(file.path());
            } else {
                file.replace(lastGood.getBytes(StandardCharsets.UTF_8));
            }
            prometheus.reload();
            log.warn("Prometheus refused the new rule file {}; the last good one is back", file.path());
        } catch (IOException | PrometheusException e) {
            log.error("Could not restore the last good rule file {}: {}", file.path(), e.toString());
        }
    }
}
