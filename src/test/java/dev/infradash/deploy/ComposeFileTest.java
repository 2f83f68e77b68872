package dev.infradash.deploy;

import static dev.infradash.deploy.DeployFiles.BASEDIR;
import static dev.infradash.deploy.DeployFiles.compose;
import static dev.infradash.deploy.DeployFiles.environment;
import static dev.infradash.deploy.DeployFiles.flag;
import static dev.infradash.deploy.DeployFiles.healthcheckUrl;
import static dev.infradash.deploy.DeployFiles.list;
import static dev.infradash.deploy.DeployFiles.locate;
import static dev.infradash.deploy.DeployFiles.map;
import static dev.infradash.deploy.DeployFiles.mounts;
import static dev.infradash.deploy.DeployFiles.read;
import static dev.infradash.deploy.DeployFiles.runTargetsInit;
import static dev.infradash.deploy.DeployFiles.service;
import static dev.infradash.deploy.DeployFiles.services;
import static dev.infradash.deploy.DeployFiles.unpinned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.deploy.DeployFiles.Location;
import dev.infradash.deploy.DeployFiles.Mount;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Static checks of docker-compose.yml against the files it mounts, the Dockerfile and the app:
 * there is no Docker engine here, so what Compose would do is computed from the files.
 */
class ComposeFileTest {

    private static final Map<String, String> DEFAULTS = Map.of();
    private static final Map<String, String> GPU = Map.of("COMPOSE_PROFILES", "gpu");
    private static final Set<String> ALWAYS =
            Set.of("infradash", "prometheus", "node-exporter", "targets-init", "alertmanager", "blackbox-exporter");
    private static final Map<String, String> PROFILED = Map.of("dcgm-exporter", "gpu");
    private static final Set<String> INTERNAL =
            Set.of("prometheus", "node-exporter", "dcgm-exporter", "alertmanager", "targets-init", "blackbox-exporter");
    private static final Path SECURITY =
            BASEDIR.resolve("src/main/java/dev/infradash/security/SecurityConfiguration.java");
    private static final Path HEALTH_API =
            BASEDIR.resolve("src/main/java/dev/infradash/fleet/HealthApiController.java");

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of("defaults", DEFAULTS), Arguments.of("gpu", GPU));
    }

    // ---- services, volumes, ports --------------------------------------------------------

    @Test
    void theCoreServicesRunAlwaysAndTheOptionalOnesOnlyInTheirProfiles() {
        Map<String, Object> services = services(compose(DEFAULTS));
        assertThat(services.keySet()).containsAll(ALWAYS).containsAll(PROFILED.keySet());
        for (String name : ALWAYS) {
            assertThat(map(services.get(name)).get("profiles"))
                    .as("profiles of %s", name)
                    .isNull();
        }
        PROFILED.forEach(
                (name, profile) -> assertThat(list(map(services.get(name)).get("profiles")))
                        .as("profiles of %s", name)
                        .containsExactly(profile));
        assertThat(services.keySet())
                .as("every service is known to this test")
                .isSubsetOf(Stream.concat(ALWAYS.stream(), PROFILED.keySet().stream())
                        .toList());
    }

    @Test
    void everyNamedVolumeIsDeclaredAndEveryBindMountSourceExists() {
        Map<String, Object> compose = compose(DEFAULTS);
        Set<String> declared = map(compose.get("volumes")).keySet();
        assertThat(declared).contains("infradash-data", "targets", "prometheus-data");
        Set<String> used = new LinkedHashSet<>();
        services(compose).forEach((name, s) -> {
            for (Mount mount : mounts(map(s))) {
                if (mount.named()) {
                    used.add(mount.source());
                } else if (!mount.source().startsWith("/")) { // repo files; "/" is the host root for node-exporter
                    assertThat(mount.hostPath())
                            .as("bind mount source of %s: %s", name, mount)
                            .exists();
                }
            }
        });
        assertThat(declared).as("declared volumes").containsAll(used);
        assertThat(used).as("used volumes").containsAll(declared);
    }

    @Test
    void onlyInfradashPublishesAPort() {
        Map<String, Object> services = services(compose(DEFAULTS));
        for (String name : INTERNAL) {
            assertThat(map(services.get(name)).get("ports"))
                    .as("ports of %s (internal only)", name)
                    .isNull();
        }
        assertThat(list(service(compose(DEFAULTS), "infradash").get("ports")).stream()
                        .map(Object::toString))
                .containsExactly("0.0.0.0:8080:8080");
        assertThat(list(service(compose(Map.of("INFRADASH_PORT", "8181")), "infradash")
                                .get("ports"))
                        .stream()
                        .map(Object::toString))
                .containsExactly("0.0.0.0:8181:8080");
    }

    @Test
    void theOptInOverridePublishesPrometheusOnLoopbackByDefault() {
        Path override = BASEDIR.resolve("docker-compose.expose-prometheus.yml");
        Map<String, Object> yaml = new Yaml().load(DeployFiles.interpolate(read(override), DEFAULTS));
        Map<String, Object> prometheus = map(map(yaml.get("services")).get("prometheus"));
        assertThat(list(prometheus.get("ports")).stream().map(Object::toString)).containsExactly("127.0.0.1:9090:9090");
    }

    // ---- the shared targets file ---------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theAppWritesTheVeryFileThatPrometheusReads(String variant, Map<String, String> env) {
        Map<String, Object> compose = compose(env);

        Map<String, Object> app = service(compose, "infradash");
        String appFile = environment(app).get("INFRADASH_TARGETS_FILE");
        Location written = locate(app, appFile);
        assertThat(written.mount().named())
                .as("the app's targets file is on a named volume")
                .isTrue();
        assertThat(written.mount().readOnly())
                .as("the app edits the targets file")
                .isFalse();

        List<Location> read = prometheusTargetFiles(compose);
        assertThat(read).as("file_sd files of Prometheus").isNotEmpty();
        for (Location location : read) {
            assertThat(location.mount().named())
                    .as("%s is on a named volume", location)
                    .isTrue();
            assertThat(location.mount().source() + "/" + location.relative())
                    .as("volume/file Prometheus reads vs. the app writes (%s)", variant)
                    .isEqualTo(written.mount().source() + "/" + written.relative());
        }

        Map<String, Object> init = service(compose, "targets-init");
        Location seeded = locate(init, environment(init).get("TARGETS_DIR") + "/targets.json");
        assertThat(seeded.mount().source() + "/" + seeded.relative())
                .as("the file targets-init seeds")
                .isEqualTo(written.mount().source() + "/" + written.relative());
        assertThat(locate(init, environment(init).get("DATA_DIR")).mount().source())
                .as("targets-init prepares the app's data volume")
                .isEqualTo(locate(app, environment(app).get("INFRADASH_DATA_DIR"))
                        .mount()
                        .source());
    }

    /** Every file_sd file of the config Prometheus loads, resolved against the config's path in its container. */
    static List<Location> prometheusTargetFiles(Map<String, Object> compose) {
        Map<String, Object> prometheus = service(compose, "prometheus");
        String configPath = flag(prometheus, "--config.file").orElseThrow();
        Location config = locate(prometheus, configPath);
        assertThat(config.mount().named())
                .as("the config is a file of this repo")
                .isFalse();
        Map<String, Object> yaml =
                new Yaml().load(read(config.mount().hostPath().resolve(config.relative())));
        Path configDir = Path.of(configPath).getParent();
        List<Location> files = new ArrayList<>();
        for (Object job : list(yaml.get("scrape_configs"))) {
            for (Object sd : list(map(job).get("file_sd_configs"))) {
                for (Object file : list(map(sd).get("files"))) {
                    files.add(locate(
                            prometheus,
                            configDir.resolve(file.toString()).normalize().toString()));
                }
            }
        }
        return files;
    }

    @Test
    void theSeedNamesTheComposeNodeExporterAndNoneOfTheReferenceServers(@TempDir Path tmp) throws Exception {
        Path targets = tmp.resolve("targets");
        String output = runTargetsInit(targets, tmp.resolve("data"), DEFAULTS);
        assertThat(output).contains("wrote");
        String content = Files.readString(targets.resolve("targets.json"));
        assertThat(content).doesNotContain("192.168.");

        JsonNode groups = new ObjectMapper().readTree(content);
        assertThat(groups).hasSize(2);
        JsonNode node = groups.get(0);
        assertThat(node.path("labels").path("server").asText()).isEqualTo("docker-host");
        assertThat(node.path("labels").path("__infradash_exporter").asText()).isEqualTo("node");
        URI address = URI.create("http://" + node.path("targets").get(0).asText());

        // Prometheus resolves the host name to the Docker host, where node-exporter listens on that port
        Map<String, Object> compose = compose(DEFAULTS);
        Map<String, Object> prometheus = service(compose, "prometheus");
        assertThat(list(prometheus.get("extra_hosts")).stream().map(Object::toString))
                .contains(address.getHost() + ":host-gateway");
        Map<String, Object> exporter = service(compose, "node-exporter");
        assertThat(exporter.get("network_mode")).isEqualTo("host");
        assertThat(exporter.get("pid")).isEqualTo("host");
        assertThat(flag(exporter, "--path.rootfs")).contains("/host");
        assertThat(mounts(exporter)).contains(new Mount("/", "/host", true, false));
        String listen = flag(exporter, "--web.listen-address").orElseThrow();
        assertThat(listen).as("node-exporter's listen address").isEqualTo("172.17.0.1:" + address.getPort());

        // the app scrapes itself through the compose network, on the path it serves without login
        JsonNode self = groups.get(1);
        assertThat(self.path("labels").path("role").asText()).isEqualTo("dashboard");
        assertThat(self.path("labels").path("__metrics_path__").asText()).isEqualTo("/actuator/prometheus");
        String selfHost =
                URI.create("http://" + self.path("targets").get(0).asText()).getHost();
        assertThat(services(compose)).containsKey(selfHost);

        // and the app itself accepts the file
        assertThat(serverIdsAsTheAppReadsThem(content)).containsExactly("docker-host", "infradash");
    }

    @Test
    void theSeedFollowsTheNodeExporterPortAndAddsTheGpuExporterWithTheGpuProfile(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("COMPOSE_PROFILES", "gpu", "NODE_EXPORTER_PORT", "9101");
        runTargetsInit(tmp.resolve("targets"), tmp.resolve("data"), env);
        String content = Files.readString(tmp.resolve("targets/targets.json"));
        JsonNode groups = new ObjectMapper().readTree(content);
        assertThat(groups).hasSize(3);
        assertThat(groups.get(0).path("targets").get(0).asText()).isEqualTo("host.docker.internal:9101");
        assertThat(flag(service(compose(env), "node-exporter"), "--web.listen-address"))
                .contains("172.17.0.1:9101");
        JsonNode gpu = groups.get(1);
        assertThat(gpu.path("labels").path("__infradash_exporter").asText()).isEqualTo("gpu");
        assertThat(gpu.path("labels").path("server").asText()).isEqualTo("docker-host");
        String gpuHost =
                URI.create("http://" + gpu.path("targets").get(0).asText()).getHost();
        assertThat(services(compose(env)))
                .as("the GPU target is a compose service")
                .containsKey(gpuHost);
        assertThat(serverIdsAsTheAppReadsThem(content)).containsExactly("docker-host", "infradash");
    }

    @Test
    void anExistingTargetsFileIsNeverOverwritten(@TempDir Path tmp) throws Exception {
        Path targets = Files.createDirectories(tmp.resolve("targets"));
        String edited =
                "[{\"targets\": [\"10.1.2.3:9100\"], \"labels\": {\"server\": \"mine\", \"__infradash_exporter\": \"node\"}}]";
        Files.writeString(targets.resolve("targets.json"), edited);
        String output = runTargetsInit(targets, tmp.resolve("data"), DEFAULTS);
        assertThat(output).contains("left as it is");
        assertThat(Files.readString(targets.resolve("targets.json"))).isEqualTo(edited);
        assertThat(tmp.resolve("data")).isDirectory();
    }

    /** The app's own parser (package-private, so by reflection): the seed must load without error. */
    private static List<String> serverIdsAsTheAppReadsThem(String content) throws Exception {
        Class<?> type = Class.forName("dev.infradash.targets.TargetFile");
        Constructor<?> constructor = type.getDeclaredConstructor(ObjectMapper.class);
        constructor.setAccessible(true);
        Method parse = type.getDeclaredMethod("parse", String.class, String.class);
        parse.setAccessible(true);
        Object list = parse.invoke(constructor.newInstance(new ObjectMapper()), content, "seed");
        Method servers = list.getClass().getDeclaredMethod("servers");
        servers.setAccessible(true);
        List<String> ids = new ArrayList<>();
        for (Object server : (List<?>) servers.invoke(list)) {
            Method id = server.getClass().getDeclaredMethod("id");
            id.setAccessible(true);
            ids.add(id.invoke(server).toString());
        }
        return ids;
    }

    // ---- the app container ---------------------------------------------------------------

    @Test
    void theAppReachesTheBundledPrometheusAndUsesTheContainerPaths() {
        Map<String, String> env = environment(service(compose(DEFAULTS), "infradash"));
        URI prometheus = URI.create(env.get("INFRADASH_PROMETHEUS_URL"));
        assertThat(services(compose(DEFAULTS))).containsKey(prometheus.getHost());
        assertThat(prometheus.getPort()).isEqualTo(9090);
        assertThat(env)
                .containsEntry("INFRADASH_DATA_DIR", "/data")
                .containsEntry("INFRADASH_TARGETS_FILE", "/targets/targets.json")
                .containsEntry("INFRADASH_ADMIN_PASSWORD", "")
                .containsEntry("INFRADASH_SECURITY_ANONYMOUS_READ", "false")
                .containsEntry("INFRADASH_REFRESH_INTERVAL", "5s");
        assertThat(environment(service(compose(Map.of("INFRADASH_ADMIN_PASSWORD", "s3cret-s3cret")), "infradash")))
                .containsEntry("INFRADASH_ADMIN_PASSWORD", "s3cret-s3cret");
    }

    @Test
    void theAppsHealthcheckAsksAnEndpointTheAppServesWithoutLogin() {
        Map<String, Object> app = service(compose(DEFAULTS), "infradash");
        URI url = URI.create(healthcheckUrl(app));
        assertThat(url.getPort())
                .as("the port the app listens on in its container")
                .isEqualTo(8080);
        assertThat(openPaths())
                .as("paths SecurityConfiguration permits without login")
                .contains(url.getPath());
        assertThat(servedPaths()).as("health paths the app serves").contains(url.getPath());
        assertThat(url.getPath())
                .as("the Dockerfile's HEALTHCHECK asks the same")
                .isEqualTo(URI.create(dockerfileHealthcheckUrl().replace("${SERVER_PORT:-8080}", "8080"))
                        .getPath());
        assertThat(map(app.get("healthcheck")).get("start_period"))
                .as("Spring + Vaadin need time to start")
                .isNotNull();
    }

    /** Paths the API/actuator chain opens to everybody, read from SecurityConfiguration's source. */
    static Set<String> openPaths() {
        String source = read(SECURITY);
        Set<String> open = new LinkedHashSet<>();
        Matcher array = Pattern.compile("OPEN_ENDPOINTS\\s*=\\s*\\{([^}]*)}").matcher(source);
        assertThat(array.find()).as("OPEN_ENDPOINTS in %s", SECURITY).isTrue();
        Matcher literal = Pattern.compile("\"([^\"]+)\"").matcher(array.group(1));
        while (literal.find()) {
            open.add(literal.group(1));
        }
        assertThat(source).contains("requestMatchers(OPEN_ENDPOINTS).permitAll()");
        Matcher single = Pattern.compile("requestMatchers\\(HttpMethod\\.GET,\\s*\"([^\"]+)\"\\)\\.permitAll\\(\\)")
                .matcher(source);
        while (single.find()) {
            open.add(single.group(1));
        }
        return open;
    }

    /** /actuator/health (exposed in application.properties) and the controller's /api/health. */
    static Set<String> servedPaths() {
        Set<String> served = new LinkedHashSet<>();
        if (read(BASEDIR.resolve("src/main/resources/application.properties"))
                .matches("(?s).*management\\.endpoints\\.web\\.exposure\\.include=[^\\n]*\\bhealth\\b.*")) {
            served.add("/actuator/health");
        }
        Matcher mapping = Pattern.compile("@GetMapping\\(path = \"([^\"]+)\"").matcher(read(HEALTH_API));
        while (mapping.find()) {
            served.add(mapping.group(1));
        }
        return served;
    }

    static String dockerfileHealthcheckUrl() {
        String healthcheck = DeployFiles.dockerfileStages()
                .get(DeployFiles.dockerfileStages().size() - 1)
                .last("HEALTHCHECK")
                .orElseThrow();
        Matcher m = Pattern.compile("https?://[^\\s\"']+").matcher(healthcheck);
        assertThat(m.find()).isTrue();
        return m.group();
    }

    @Test
    void theAppIsLimitedTo512MbAndTheJvmFitsIt() {
        Map<String, Object> app = service(compose(DEFAULTS), "infradash");
        assertThat(bytes(String.valueOf(app.get("mem_limit"))))
                .as("mem_limit")
                .isPositive()
                .isLessThanOrEqualTo(512L << 20);
        String entrypoint = DeployFiles.dockerfileStages()
                .get(DeployFiles.dockerfileStages().size() - 1)
                .last("ENTRYPOINT")
                .orElseThrow();
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError");
        assertThat(environment(app)).doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(app.get("restart")).isEqualTo("unless-stopped");
        assertThat(map(app.get("depends_on"))).containsKeys("prometheus", "targets-init");
        assertThat(map(map(app.get("depends_on")).get("targets-init")).get("condition"))
                .isEqualTo("service_completed_successfully");
    }

    private static long bytes(String size) {
        Matcher m = Pattern.compile("(?i)(\\d+)([kmg]?)b?").matcher(size.strip());
        assertThat(m.matches()).as("size %s", size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    // ---- the other services --------------------------------------------------------------

    @Test
    void prometheusRunsWithTheSeedsRetentionAndTheLifecycleApi() {
        Map<String, Object> prometheus = service(compose(DEFAULTS), "prometheus");
        assertThat(flag(prometheus, "--config.file")).contains("/etc/prometheus/prometheus.yml");
        assertThat(flag(prometheus, "--storage.tsdb.path")).contains("/prometheus");
        assertThat(flag(prometheus, "--storage.tsdb.retention.time")).contains("7d");
        assertThat(list(prometheus.get("command"))).contains("--web.enable-lifecycle");
        assertThat(locate(prometheus, "/prometheus").mount().source()).isEqualTo("prometheus-data");
        assertThat(flag(
                        service(compose(Map.of("PROMETHEUS_RETENTION", "30d")), "prometheus"),
                        "--storage.tsdb.retention.time"))
                .contains("30d");
        Map<String, Object> yaml = new Yaml().load(read(BASEDIR.resolve("prometheus/prometheus.yml")));
        assertThat(map(yaml.get("global")).get("scrape_interval"))
                .as("the seed's 15 s scrape")
                .isEqualTo("15s");
    }

    @Test
    void healthchecksOfThePrometheusImagesAskTheirOwnHealthEndpoints() {
        Map<String, Object> compose = compose(DEFAULTS);
        Map<String, Integer> ports = Map.of("prometheus", 9090, "alertmanager", 9093);
        ports.forEach((name, port) -> {
            URI url = URI.create(healthcheckUrl(service(compose, name)));
            assertThat(url.getPort()).as("%s port", name).isEqualTo(port);
            assertThat(url.getPath()).as("%s health path", name).isIn("/-/healthy", "/-/ready");
        });
    }

    @Test
    void prometheusSendsAlertsToTheAlertmanagerService() {
        Map<String, Object> base = new Yaml().load(read(BASEDIR.resolve("prometheus/prometheus.yml")));
        List<String> targets = new ArrayList<>();
        for (Object am : list(map(base.get("alerting")).get("alertmanagers"))) {
            for (Object sc : list(map(am).get("static_configs"))) {
                list(map(sc).get("targets")).forEach(t -> targets.add(t.toString()));
            }
        }
        assertThat(targets).hasSize(1);
        URI alertmanager = URI.create("http://" + targets.get(0));
        Map<String, Object> compose = compose(DEFAULTS);
        assertThat(map(services(compose).get(alertmanager.getHost())).get("profiles"))
                .as("Alertmanager runs by default")
                .isNull();
        assertThat(URI.create(healthcheckUrl(service(compose, alertmanager.getHost())))
                        .getPort())
                .isEqualTo(alertmanager.getPort());
        assertThat(locate(service(compose, "prometheus"), "/etc/prometheus/prometheus.yml")
                        .mount()
                        .source())
                .isEqualTo("./prometheus/prometheus.yml");
        assertThat(URI.create(environment(service(compose, "infradash")).get("INFRADASH_ALERTMANAGER_URL")))
                .isEqualTo(URI.create("http://" + targets.get(0)));
    }

    @Test
    void alertmanagerReadsTheConfigurationInfradashWritesSeededReceiverLess(@TempDir Path tmp) throws Exception {
        Map<String, Object> compose = compose(DEFAULTS);
        Map<String, Object> alertmanager = service(compose, "alertmanager");
        Location read = locate(alertmanager, flag(alertmanager, "--config.file").orElseThrow());
        Map<String, Object> app = service(compose, "infradash");
        Location written = locate(app, environment(app).get("INFRADASH_ALERTING_ALERTMANAGER_CONFIG_FILE"));
        assertThat(read.mount().named()).as("a volume both containers mount").isTrue();
        assertThat(read.mount().source() + "/" + read.relative())
                .isEqualTo(written.mount().source() + "/" + written.relative());
        assertThat(written.mount().readOnly()).as("Infradash writes it").isFalse();
        // Infradash writes it 0640 (it holds the channels' secrets) as the app's user and group;
        // Alertmanager's image runs as nobody and reads it only as a member of that group
        Map<String, Object> initService = service(compose, "targets-init");
        assertThat(list(alertmanager.get("group_add")))
                .as("Alertmanager in the group of the app's user, which owns alertmanager.yml")
                .map(String::valueOf)
                .contains(environment(initService).get("APP_UID"));

        // targets-init seeds a configuration Alertmanager accepts, with no receiver that sends anything
        Map<String, Object> init = service(compose, "targets-init");
        assertThat(locate(init, environment(init).get("ALERTMANAGER_DIR"))
                        .mount()
                        .source())
                .isEqualTo(written.mount().source());
        runTargetsInit(tmp.resolve("targets"), tmp.resolve("data"), DEFAULTS);
        Path seed = DeployFiles.alertmanagerSeedDir(tmp.resolve("data")).resolve(read.relative());
        Map<String, Object> yaml = new Yaml().load(Files.readString(seed));
        assertThat(list(yaml.get("receivers")))
                .singleElement()
                .satisfies(r -> assertThat(map(r)).containsOnlyKeys("name"));
        String output = DeployFiles.run(
                new ProcessBuilder("/usr/bin/amtool", "check-config", seed.toString()).redirectErrorStream(true),
                "amtool check-config");
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void theGpuExporterReservesNvidiaGpus() {
        Map<String, Object> dcgm = service(compose(Map.of("COMPOSE_PROFILES", "gpu")), "dcgm-exporter");
        List<Object> devices =
                list(map(map(map(dcgm.get("deploy")).get("resources")).get("reservations"))
                        .get("devices"));
        assertThat(devices).hasSize(1);
        assertThat(map(devices.get(0))).containsEntry("driver", "nvidia");
        assertThat(list(map(devices.get(0)).get("capabilities"))).contains("gpu");
    }

    @Test
    void everyImageIsPinnedToATag() {
        List<String> problems = new ArrayList<>();
        services(compose(DEFAULTS)).forEach((name, s) -> {
            Object image = map(s).get("image");
            if (image == null) {
                problems.add(name + " has no image");
            } else {
                unpinned(image.toString()).ifPresent(problems::add);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theEnvExampleListsEveryVariableTheComposeFilesUse() {
        Set<String> used = new LinkedHashSet<>();
        for (String file : List.of("docker-compose.yml", "docker-compose.expose-prometheus.yml")) {
            Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)").matcher(read(BASEDIR.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Map<String, String> example = new LinkedHashMap<>();
        List<String> undocumented = new ArrayList<>();
        boolean commented = false; // a comment since the last blank line documents the variables after it
        for (String line : read(BASEDIR.resolve(".env.example")).split("\n")) {
            Matcher m = Pattern.compile("^#?([A-Z_][A-Z0-9_]*)=(.*)$").matcher(line.strip());
            if (m.matches()) {
                example.put(m.group(1), m.group(2));
                if (!commented) {
                    undocumented.add(m.group(1));
                }
            } else if (line.isBlank()) {
                commented = false;
            } else if (line.strip().startsWith("#")) {
                commented = true;
            }
        }
        assertThat(example.keySet()).as("variables in .env.example").containsAll(used);
        assertThat(undocumented)
                .as("variables in .env.example without a comment above")
                .isEmpty();
        // the example's values are the compose defaults: copying it changes nothing
        Map<String, String> values = new LinkedHashMap<>(example);
        values.remove("COMPOSE_FILE");
        assertThat(compose(values)).isEqualTo(compose(Map.of("COMPOSE_PROFILES", "")));
        Optional<String> file = Optional.ofNullable(example.get("COMPOSE_FILE"));
        assertThat(file).isPresent();
        for (String f : file.get().split(":")) {
            assertThat(BASEDIR.resolve(f)).exists();
        }
    }
}
