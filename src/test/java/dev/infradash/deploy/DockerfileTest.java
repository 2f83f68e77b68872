package dev.infradash.deploy;

import static dev.infradash.deploy.DeployFiles.BASEDIR;
import static dev.infradash.deploy.DeployFiles.dockerfileStages;
import static dev.infradash.deploy.DeployFiles.read;
import static dev.infradash.deploy.DeployFiles.unpinned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.deploy.DeployFiles.Stage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile, parsed: the build runs the one production build, the runtime is locked down. */
class DockerfileTest {

    private static final String BUILD_SCRIPT = "scripts/build-production.sh";

    private static Stage stage(String alias) {
        return dockerfileStages().stream()
                .filter(s -> alias.equals(s.alias()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stage `AS " + alias + "` in the Dockerfile"));
    }

    private static Stage runtime() {
        List<Stage> stages = dockerfileStages();
        return stages.get(stages.size() - 1);
    }

    /** The Maven command line of scripts/build-production.sh (its one non-comment ./mvnw line). */
    static String productionBuildCommand() {
        List<String> commands = read(BASEDIR.resolve(BUILD_SCRIPT))
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("./mvnw"))
                .toList();
        assertThat(commands).as("./mvnw lines in %s", BUILD_SCRIPT).hasSize(1);
        return commands.get(0);
    }

    @Test
    void theBuildScriptIsTheProductionBuildOfThePom() {
        assertThat(Files.isExecutable(BASEDIR.resolve(BUILD_SCRIPT)))
                .as("%s is executable", BUILD_SCRIPT)
                .isTrue();
        String command = productionBuildCommand();
        assertThat(command).startsWith("./mvnw -B -ntp -Pproduction -DskipTests package");
        Matcher profile = Pattern.compile("-P(\\S+)").matcher(command);
        assertThat(profile.find()).isTrue();
        assertThat(read(BASEDIR.resolve("pom.xml"))).contains("<id>" + profile.group(1) + "</id>");
    }

    @Test
    void theBuildStageRunsTheBuildScriptOnTheSourcesItCopies() {
        Stage build = stage("build");
        assertThat(build.image()).startsWith("maven:").contains("eclipse-temurin-17");
        List<String> builds = build.all("RUN").stream()
                .filter(r -> r.contains("mvnw") || r.contains(BUILD_SCRIPT))
                .toList();
        assertThat(builds).as("RUN lines that build").hasSize(1);
        assertThat(builds.get(0))
                .as("the build RUN calls the script, the single source of the command")
                .contains(BUILD_SCRIPT)
                .doesNotContain("mvnw");
        List<String> copied = new ArrayList<>();
        for (String copy : build.all("COPY")) {
            if (!copy.startsWith("--from")) {
                List<String> words = List.of(copy.split("\\s+"));
                copied.addAll(words.subList(0, words.size() - 1));
            }
        }
        assertThat(copied).contains("pom.xml", "mvnw", ".mvn", "src", "frontend", BUILD_SCRIPT);
        int copySources = indexOf(build, "COPY", "src");
        int run = indexOf(build, "RUN", BUILD_SCRIPT);
        assertThat(run).as("the build runs after the sources are copied").isGreaterThan(copySources);
    }

    @Test
    void theBuildStageHasNode20ForVaadinsFrontendBuild() {
        Stage node = dockerfileStages().stream()
                .filter(s -> s.image().startsWith("node:"))
                .findFirst()
                .orElseThrow();
        Matcher version = Pattern.compile("node:(\\d+)\\.").matcher(node.image());
        assertThat(version.find()).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(20);
        assertThat(stage("build").all("COPY"))
                .anySatisfy(
                        c -> assertThat(c).startsWith("--from=" + node.alias()).contains("/usr/local/bin/node"));
    }

    @Test
    void runLocalAndCiUseTheScriptInsteadOfTheirOwnCommand() {
        String runLocal = read(BASEDIR.resolve("scripts/run-local.sh"));
        assertThat(runLocal).contains(BUILD_SCRIPT).doesNotContain("-Pproduction");
    }

    @Test
    void theRuntimeRunsTheBuiltJarAsANonRootUser() {
        Stage runtime = runtime();
        assertThat(runtime.image()).startsWith("eclipse-temurin:17").contains("-jre");
        String user = runtime.last("USER").orElseThrow(() -> new AssertionError("no USER in the runtime stage"));
        String uid = user.split(":")[0];
        assertThat(uid).as("USER of the runtime stage").isNotIn("root", "0").isEqualTo("10001");
        assertThat(runtime.all("RUN"))
                .anySatisfy(r -> assertThat(r).contains("useradd").contains("--uid 10001"));
        String jar = runtime.all("COPY").stream()
                .filter(c -> c.startsWith("--from=build"))
                .findFirst()
                .orElseThrow();
        Matcher artifact =
                Pattern.compile("<artifactId>(infradash)</artifactId>").matcher(read(BASEDIR.resolve("pom.xml")));
        assertThat(artifact.find()).isTrue();
        assertThat(jar).contains("target/" + artifact.group(1) + "-*.jar").endsWith("/app/infradash.jar");
        assertThat(runtime.last("ENTRYPOINT").orElseThrow()).contains("-jar /app/infradash.jar");
    }

    @Test
    void theRuntimeExposesTheAppAndChecksItsHealth() {
        Stage runtime = runtime();
        assertThat(runtime.all("EXPOSE")).containsExactly("8080");
        String healthcheck = runtime.last("HEALTHCHECK").orElseThrow();
        assertThat(healthcheck).contains("CMD curl", "/api/health", "--start-period=");
        assertThat(ComposeFileTest.openPaths()).contains("/api/health");
        String env = String.join(" ", runtime.all("ENV"));
        assertThat(env)
                .contains(
                        "SERVER_ADDRESS=0.0.0.0",
                        "SERVER_PORT=8080",
                        "INFRADASH_DATA_DIR=/data",
                        "INFRADASH_TARGETS_FILE=/targets/targets.json");
        assertThat(runtime.all("VOLUME")).anySatisfy(v -> assertThat(v).contains("\"/data\"", "\"/targets\""));
        assertThat(runtime.last("ENTRYPOINT").orElseThrow())
                .contains("-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void everyBaseImageIsPinned() {
        List<String> problems = new ArrayList<>();
        dockerfileStages().forEach(s -> unpinned(s.image()).ifPresent(problems::add));
        assertThat(problems).isEmpty();
    }

    @Test
    void theBuildContextLeavesOutBuildOutputDataAndSecrets() {
        List<String> ignored = read(BASEDIR.resolve(".dockerignore"))
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(ignored)
                .contains("target", "node_modules", ".infradash-local", "data", ".git", ".env", "prometheus/targets");
        assertThat(ignored)
                .as("what the build needs stays in the context")
                .doesNotContain("src", "frontend", "pom.xml", "mvnw", ".mvn", "scripts");
    }

    private static int indexOf(Stage stage, String keyword, String containing) {
        for (int i = 0; i < stage.instructions().size(); i++) {
            var instruction = stage.instructions().get(i);
            if (instruction.keyword().equals(keyword) && instruction.arguments().contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " with " + containing + " in stage " + stage.alias());
    }
}
