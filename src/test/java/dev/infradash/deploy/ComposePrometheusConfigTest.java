package dev.infradash.deploy;

import static dev.infradash.deploy.DeployFiles.compose;
import static dev.infradash.deploy.DeployFiles.environment;
import static dev.infradash.deploy.DeployFiles.flag;
import static dev.infradash.deploy.DeployFiles.locate;
import static dev.infradash.deploy.DeployFiles.mounts;
import static dev.infradash.deploy.DeployFiles.runTargetsInit;
import static dev.infradash.deploy.DeployFiles.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.infradash.deploy.DeployFiles.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code promtool check config} on the Prometheus configuration exactly as docker-compose.yml
 * mounts it: a temp dir mirrors the container's file system (every bind mount of the prometheus
 * service copied to its target, the {@code targets} volume filled by the real targets-init
 * script), and promtool checks the config at the path {@code --config.file} names. promtool
 * follows rule_files and file_sd files relative to that path, as Prometheus does in the container.
 */
class ComposePrometheusConfigTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of("defaults", Map.of()), Arguments.of("gpu", Map.of("COMPOSE_PROFILES", "gpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void promtoolAcceptsTheConfigAsComposeMountsIt(String variant, Map<String, String> env, @TempDir Path tmp)
            throws IOException {
        if (!Files.isExecutable(PROMTOOL)) {
            fail(PROMTOOL + " is missing: run `apt-get install -y prometheus` (it ships promtool)");
        }
        Map<String, Object> compose = compose(env);
        Map<String, Object> prometheus = service(compose, "prometheus");
        Path root = tmp.resolve("container");

        // the named volume `targets`, as targets-init leaves it on a fresh volume
        Map<String, Object> init = service(compose, "targets-init");
        Mount targetsVolume = locate(init, environment(init).get("TARGETS_DIR")).mount();
        Path volume = tmp.resolve("volume-" + targetsVolume.source());
        runTargetsInit(volume, tmp.resolve("volume-data"), env);

        for (Mount mount : mounts(prometheus)) {
            Path target = root.resolve(mount.target().substring(1));
            if (mount.named() && mount.source().equals(targetsVolume.source())) {
                copy(volume, target);
            } else if (!mount.named()) {
                copy(mount.hostPath(), target);
            } // other named volumes (the TSDB) start empty
        }
        Path config =
                root.resolve(flag(prometheus, "--config.file").orElseThrow().substring(1));
        assertThat(config).as("the config file inside the mirrored container").isRegularFile();
        assertThat(root.resolve("etc/prometheus/targets/targets.json")).isRegularFile();

        String output = DeployFiles.run(
                new ProcessBuilder(PROMTOOL.toString(), "check", "config", config.toString())
                        .directory(tmp.toFile())
                        .redirectErrorStream(true),
                "promtool check config (" + variant + ")");
        assertThat(output)
                .as("promtool output (%s)", variant)
                .contains("rules/infradash.yml")
                .containsPattern("SUCCESS: \\d+ rules found")
                .doesNotContain("WARNING");
    }

    private static void copy(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
