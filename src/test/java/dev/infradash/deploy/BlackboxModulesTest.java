package dev.infradash.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.targets.ExpectedStatus;
import dev.infradash.targets.ServiceModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped {@code prometheus/blackbox.yml} (run-local.sh copies it, compose mounts it) has a
 * module for every module Infradash writes into the targets file, and each http module does what
 * its name promises: the expected status codes, redirects, keyword and TLS (issue 14).
 */
class BlackboxModulesTest {

    private static final Path BLACKBOX = DeployFiles.BASEDIR.resolve("prometheus/blackbox.yml");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> modules() {
        Map<String, Object> file = new Yaml().load(DeployFiles.read(BLACKBOX));
        return (Map<String, Map<String, Object>>) file.get("modules");
    }

    @Test
    void everyModuleInfradashWritesIsShipped() {
        assertThat(modules()).containsKeys(ServiceModules.all().toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachHttpModuleAcceptsItsStatusRangeKeywordAndCertificate() {
        Map<String, Map<String, Object>> modules = modules();
        ServiceModules.httpModules().forEach((name, expected) -> {
            Map<String, Object> module = modules.get(name);
            assertThat(module.get("prober")).as(name).isEqualTo("http");
            Map<String, Object> http = (Map<String, Object>) module.get("http");
            ExpectedStatus status = expected.status();
            if (status == ExpectedStatus.SUCCESS) {
                assertThat(http)
                        .as(name + ": blackbox_exporter's default is 2xx")
                        .doesNotContainKey("valid_status_codes");
                assertThat(http.getOrDefault("follow_redirects", true)).as(name).isEqualTo(true);
            } else {
                List<Integer> codes = IntStream.rangeClosed(status.lowest(), status.highest())
                        .boxed()
                        .toList();
                assertThat(http.get("valid_status_codes")).as(name).isEqualTo(codes);
                assertThat(http.get("follow_redirects"))
                        .as(name + ": a redirect is the answer")
                        .isEqualTo(false);
            }
            assertThat(http.containsKey("fail_if_body_not_matches_regexp"))
                    .as(name + " keyword")
                    .isEqualTo(expected.keyword());
            Map<String, Object> tls = (Map<String, Object>) http.getOrDefault("tls_config", Map.of());
            assertThat(tls.getOrDefault("insecure_skip_verify", false))
                    .as(name + " self-signed")
                    .isEqualTo(expected.insecure());
        });
    }

    @Test
    void blackboxExporterItselfAcceptsTheFile() throws Exception {
        Path binary = Path.of("/usr/bin/prometheus-blackbox-exporter");
        Assumptions.assumeTrue(Files.isExecutable(binary), binary + " is not installed");
        Process check = new ProcessBuilder(binary.toString(), "--config.check", "--config.file=" + BLACKBOX)
                .redirectErrorStream(true)
                .start();
        assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void composeAndRunLocalStartBlackboxExporterWithThisFile() {
        Map<String, Object> blackbox = DeployFiles.service(DeployFiles.compose(Map.of()), "blackbox-exporter");
        String config = DeployFiles.list(blackbox.get("command")).stream()
                .map(Object::toString)
                .filter(arg -> arg.startsWith("--config.file="))
                .findFirst()
                .orElseThrow()
                .substring("--config.file=".length());
        DeployFiles.Location mounted = DeployFiles.locate(blackbox, config);
        assertThat(mounted.mount().hostPath().resolve(mounted.relative()).normalize())
                .isEqualTo(BLACKBOX.normalize());
        String runLocal = DeployFiles.read(DeployFiles.BASEDIR.resolve("scripts/run-local.sh"));
        assertThat(runLocal)
                .contains("cp prometheus/blackbox.yml \"$LOCAL_DIR/prometheus/\"")
                .contains("--config.file=\"$LOCAL_DIR/prometheus/blackbox.yml\"");
    }
}
