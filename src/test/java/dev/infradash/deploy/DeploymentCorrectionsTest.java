package dev.infradash.deploy;

import static dev.infradash.deploy.DeployFiles.BASEDIR;
import static dev.infradash.deploy.DeployFiles.compose;
import static dev.infradash.deploy.DeployFiles.dockerfileStages;
import static dev.infradash.deploy.DeployFiles.interpolate;
import static dev.infradash.deploy.DeployFiles.list;
import static dev.infradash.deploy.DeployFiles.map;
import static dev.infradash.deploy.DeployFiles.read;
import static dev.infradash.deploy.DeployFiles.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 12, item 11: what running the compose stack on a real Docker engine found wrong. No
 * engine runs here, so each is checked on the files, running the shell parts for real.
 */
class DeploymentCorrectionsTest {

    private static final String PASSWORD = "Generated-Pass-123";

    /** The README's command must print the generated password, which is 6 lines below the WARN line. */
    @Test
    void theReadmeCommandForTheGeneratedPasswordReachesIt(@TempDir Path tmp) throws Exception {
        Matcher command = Pattern.compile("docker compose logs infradash (\\|[^#\\n]*)#[^\\n]*generated admin password")
                .matcher(read(BASEDIR.resolve("README.md")));
        assertThat(command.find())
                .as("the README's command for the generated password")
                .isTrue();
        Path log = tmp.resolve("compose.log");
        Files.writeString(log, composeLogOfTheFirstStart());

        String printed = run(
                tmp, Map.of(), "sh", "-c", "cat " + log + " " + command.group(1).strip());

        assertThat(printed).contains("password: " + PASSWORD);
    }

    /** The banner as AdminBootstrap logs it, each line prefixed as `docker compose logs` does. */
    private static String composeLogOfTheFirstStart() {
        String source = read(BASEDIR.resolve("src/main/java/dev/infradash/security/AdminBootstrap.java"));
        Matcher banner = Pattern.compile("log\\.warn\\(\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL)
                .matcher(source);
        assertThat(banner.find()).as("AdminBootstrap's banner").isTrue();
        String text = banner.group(1).stripIndent();
        for (String value : List.of("=".repeat(78), "admin", PASSWORD, "/data/users.json", "=".repeat(78))) {
            text = text.replaceFirst("\\{}", Matcher.quoteReplacement(value));
        }
        StringBuilder log = new StringBuilder("infradash-1  | 2026-12-02T04:00:00.000Z  INFO 1 --- [main] Starting\n");
        log.append("infradash-1  | 2026-12-02T04:00:01.000Z  WARN 1 --- [main] d.i.security.AdminBootstrap : ");
        for (String line : text.split("\n", -1)) {
            log.append(line).append("\ninfradash-1  | ");
        }
        return log.append("2026-12-02T04:00:02.000Z  INFO 1 --- [main] Started\n")
                .toString();
    }

    /** Docker inside LXC (Proxmox): `/` is no shared mount there, and `rslave` makes the start fail. */
    @Test
    void anOverrideMountsTheHostRootWithoutRslaveAndTheReadmeSaysWhen() {
        Path override = BASEDIR.resolve("docker-compose.lxc.yml");
        assertThat(override).exists();
        Map<String, Object> yaml = new Yaml().load(interpolate(read(override), Map.of()));
        List<Object> volumes =
                list(map(map(yaml.get("services")).get("node-exporter")).get("volumes"));
        assertThat(volumes).map(Object::toString).containsExactly("/:/host:ro");
        assertThat(list(service(compose(Map.of()), "node-exporter").get("volumes")))
                .map(Object::toString)
                .as("compose merges volumes by their container path, so the override replaces this one")
                .contains("/:/host:ro,rslave");
        assertThat(read(BASEDIR.resolve("README.md")))
                .contains("docker-compose.lxc.yml")
                .contains("LXC");
    }

    /** NVIDIA's docs run dcgm-exporter with SYS_ADMIN: without it, the profiling metrics fail. */
    @Test
    void theGpuExporterHasSysAdmin() {
        Map<String, Object> dcgm = service(compose(Map.of("COMPOSE_PROFILES", "gpu")), "dcgm-exporter");
        assertThat(list(dcgm.get("cap_add"))).map(Object::toString).containsExactly("SYS_ADMIN");
    }

    /** An empty INFRADASH_JAVA_OPTIONS made every start log "Picked up JDK_JAVA_OPTIONS:". */
    @Test
    void theEntrypointPassesJdkJavaOptionsOnlyWhenSet(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"JDK_JAVA_OPTIONS=${JDK_JAVA_OPTIONS-<unset>} ARGS=$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String entrypoint = dockerfileStages()
                .get(dockerfileStages().size() - 1)
                .last("ENTRYPOINT")
                .orElseThrow();
        List<String> command = new ObjectMapper().readValue(entrypoint, new TypeReference<>() {});
        String path = bin + ":" + System.getenv("PATH");

        Map<String, String> app = DeployFiles.environment(service(compose(Map.of()), "infradash"));
        String empty = run(
                tmp,
                Map.of("PATH", path, "JDK_JAVA_OPTIONS", app.getOrDefault("JDK_JAVA_OPTIONS", "")),
                command.toArray(String[]::new));
        String set = run(
                tmp,
                Map.of("PATH", path, "JDK_JAVA_OPTIONS", "-Duser.timezone=Europe/Berlin"),
                command.toArray(String[]::new));

        assertThat(empty).contains("JDK_JAVA_OPTIONS=<unset>", "-jar /app/infradash.jar");
        assertThat(set)
                .contains(
                        "JDK_JAVA_OPTIONS=-Duser.timezone=Europe/Berlin",
                        "-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError -jar /app/infradash.jar");
    }

    private static String run(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
