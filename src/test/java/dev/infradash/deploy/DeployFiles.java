package dev.infradash.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the deployment files the way Docker and Compose do, as far as the checks need: compose
 * variable interpolation ({@code ${VAR}}, {@code ${VAR:-default}}), volume mounts, Dockerfile
 * instructions by stage. Nothing here starts a container; there is no Docker engine to ask.
 */
final class DeployFiles {

    static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path COMPOSE = BASEDIR.resolve("docker-compose.yml");
    static final Path DOCKERFILE = BASEDIR.resolve("Dockerfile");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

    private DeployFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    // ---- compose -------------------------------------------------------------------------

    /** docker-compose.yml after interpolation with {@code env} (unset variables take their defaults, as without .env). */
    static Map<String, Object> compose(Map<String, String> env) {
        Map<String, Object> yaml = new Yaml().load(interpolate(read(COMPOSE), env));
        assertThat(yaml).as("content of %s", COMPOSE).isNotNull();
        return yaml;
    }

    static String interpolate(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            String operator = m.group(2);
            if (operator != null && (value == null || (operator.equals(":-") && value.isEmpty()))) {
                value = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, Object> services(Map<String, Object> compose) {
        return map(compose.get("services"));
    }

    static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> service = map(services(compose).get(name));
        assertThat(service).as("service %s in docker-compose.yml", name).isNotEmpty();
        return service;
    }

    /** A service's environment as a map (compose allows a map or a list of NAME=value). */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(k.toString(), v == null ? "" : v.toString()));
        } else {
            for (Object entry : list(raw)) {
                String s = entry.toString();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** One entry of a service's {@code volumes:}, short syntax. {@code named} when source is a volume name. */
    record Mount(String source, String target, boolean readOnly, boolean named) {

        static Mount parse(String spec) {
            String[] parts = spec.split(":");
            assertThat(parts.length).as("volume spec %s", spec).isBetween(2, 3);
            String source = parts[0];
            boolean named = !(source.startsWith(".") || source.startsWith("/") || source.startsWith("~"));
            boolean readOnly = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
            return new Mount(source, parts[1], readOnly, named);
        }

        /** The repo file or directory a bind mount shows. */
        Path hostPath() {
            return BASEDIR.resolve(source).normalize();
        }
    }

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object v : list(service.get("volumes"))) {
            assertThat(v).as("volumes use the short syntax").isInstanceOf(String.class);
            mounts.add(Mount.parse(v.toString()));
        }
        return mounts;
    }

    /** Where a path inside a container really is: the mount covering it (the longest target) and the rest. */
    record Location(Mount mount, String relative) {}

    static Location locate(Map<String, Object> service, String containerPath) {
        Location best = null;
        for (Mount mount : mounts(service)) {
            String target = mount.target().endsWith("/") ? mount.target() : mount.target() + "/";
            String relative = null;
            if (containerPath.equals(mount.target())) {
                relative = "";
            } else if (containerPath.startsWith(target)) {
                relative = containerPath.substring(target.length());
            }
            if (relative != null
                    && (best == null
                            || mount.target().length() > best.mount().target().length())) {
                best = new Location(mount, relative);
            }
        }
        assertThat(best).as("a volume mount covering %s", containerPath).isNotNull();
        return best;
    }

    /** The value of {@code --name=value} in a command list. */
    static Optional<String> flag(Map<String, Object> service, String name) {
        for (Object arg : list(service.get("command"))) {
            String s = arg.toString();
            if (s.startsWith(name + "=")) {
                return Optional.of(s.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** URL in a healthcheck test (["CMD", ...] or ["CMD-SHELL", "..."]). */
    static String healthcheckUrl(Map<String, Object> service) {
        List<Object> test = list(map(service.get("healthcheck")).get("test"));
        assertThat(test).as("healthcheck.test").isNotEmpty();
        Matcher m = Pattern.compile("https?://[^\\s\"']+")
                .matcher(String.join(" ", test.stream().map(Object::toString).toList()));
        assertThat(m.find()).as("a URL in healthcheck %s", test).isTrue();
        return m.group();
    }

    // ---- the targets seed ----------------------------------------------------------------

    /** Runs docker/targets-init.sh as the targets-init service would, with its volumes at temp dirs. */
    static String runTargetsInit(Path targetsDir, Path dataDir, Map<String, String> env) {
        Map<String, Object> init = service(compose(env), "targets-init");
        Map<String, String> initEnv = environment(init);
        Mount script = mounts(init).stream().filter(m -> !m.named()).findFirst().orElseThrow();
        assertThat(script.hostPath()).as("the init script the service mounts").isRegularFile();
        List<String> entrypoint =
                list(init.get("entrypoint")).stream().map(Object::toString).toList();
        assertThat(entrypoint).as("targets-init runs the mounted script").containsExactly("sh", script.target());
        Location targets = locate(init, initEnv.get("TARGETS_DIR"));
        Location data = locate(init, initEnv.get("DATA_DIR"));
        assertThat(targets.relative()).isEmpty();
        assertThat(data.relative()).isEmpty();

        ProcessBuilder process = new ProcessBuilder("sh", script.hostPath().toString()).redirectErrorStream(true);
        process.environment().putAll(initEnv);
        process.environment().put("TARGETS_DIR", targetsDir.toString());
        process.environment().put("DATA_DIR", dataDir.toString());
        if (initEnv.containsKey("ALERTMANAGER_DIR")) {
            // the alertmanager-config volume, beside the data dir: never the container path on this host
            process.environment()
                    .put("ALERTMANAGER_DIR", alertmanagerSeedDir(dataDir).toString());
        }
        return run(process, "targets-init.sh");
    }

    /** Where {@link #runTargetsInit} lets the script seed Alertmanager's configuration. */
    static Path alertmanagerSeedDir(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-alertmanager-config");
    }

    static String run(ProcessBuilder builder, String what) {
        try {
            Path log = Files.createTempFile("deploy-", ".log");
            try {
                Process process = builder.redirectOutput(log.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    fail("%s did not finish within 60 s: %s", what, Files.readString(log));
                }
                String output = Files.readString(log);
                assertThat(process.exitValue())
                        .as("exit code of %s (%s); output:%n%s", what, builder.command(), output)
                        .isZero();
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + builder.command() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + what, e);
        }
    }

    // ---- Dockerfile ----------------------------------------------------------------------

    /** One instruction: keyword upper-case, arguments with continuations joined. */
    record Instruction(String keyword, String arguments) {}

    /** A build stage: its FROM image, its alias (or null) and its instructions after FROM. */
    record Stage(String image, String alias, List<Instruction> instructions) {

        List<String> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .map(Instruction::arguments)
                    .toList();
        }

        Optional<String> last(String keyword) {
            List<String> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
    }

    static List<Stage> dockerfileStages() {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = null;
        for (String line : read(DOCKERFILE).split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (current == null && trimmed.isEmpty())) {
                continue; // comments (also inside continuations, as Docker does) and blank lines
            }
            boolean continues = trimmed.endsWith("\\");
            String part = continues ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
            current = current == null
                    ? new StringBuilder(part)
                    : current.append(' ').append(part);
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                instructions.add(new Instruction(
                        text.substring(0, space).toUpperCase(),
                        text.substring(space + 1).strip()));
                current = null;
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                String[] words = instruction.arguments().split("\\s+");
                String alias = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                stages.add(new Stage(words[0], alias, new ArrayList<>()));
            } else {
                assertThat(stages).as("%s before the first FROM", instruction).isNotEmpty();
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return stages;
    }

    /** repository[:tag] problems: no tag, or a floating "latest". Digests (@sha256) count as pinned. */
    static Optional<String> unpinned(String image) {
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon < slash + 1) {
            return Optional.of(image + " has no tag");
        }
        if (image.substring(colon + 1).equals("latest")) {
            return Optional.of(image + " uses the floating tag latest");
        }
        return Optional.empty();
    }

    // ---- plumbing ------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
