package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertmanagerConfigRendererTest {

    static final URI RELAY = URI.create("http://127.0.0.1:8080/");
    /** With the production timings, as Spring Boot binds them when nothing is configured. */
    final AlertmanagerConfigRenderer renderer = new AlertmanagerConfigRenderer(AlertingDefaults.timings());

    static Channel webhook(String id, String url) {
        return new Channel(id, "hook " + id, ChannelType.WEBHOOK, Map.of("url", url), "relay-secret-" + id);
    }

    static Channel email(String id, String password) {
        return new Channel(
                id,
                "mail",
                ChannelType.EMAIL,
                Map.of(
                        "host",
                        "127.0.0.1",
                        "port",
                        "2525",
                        "security",
                        "none",
                        "username",
                        "ops",
                        "password",
                        password,
                        "from",
                        "infradash@example.org",
                        "to",
                        "ops@example.org"),
                "s");
    }

    static JsonNode parse(String yaml) throws Exception {
        return new YAMLMapper().readTree(yaml);
    }

    @Test
    void everyChannelGetsATestRouteAndTheCatchAllAndTheRootReceiverSendsNothing() throws Exception {
        JsonNode config = parse(renderer.render(List.of(webhook("aaa", "http://127.0.0.1:9/hook")), List.of(), RELAY));
        JsonNode route = config.path("route");
        assertThat(route.path("receiver").asText()).isEqualTo("infradash-none");
        assertThat(route.path("group_by").toString()).isEqualTo("[\"alertname\",\"server\"]");
        // the production defaults: one message per outage within ~a minute, at most one a minute, 4 h reminders
        assertThat(route.path("group_wait").asText()).isEqualTo("10s");
        assertThat(route.path("group_interval").asText()).isEqualTo("1m");
        assertThat(route.path("repeat_interval").asText()).isEqualTo("4h");
        JsonNode test = route.path("routes").get(0);
        assertThat(test.path("match").path("infradash_channel").asText()).isEqualTo("aaa");
        assertThat(test.path("group_wait").asText()).isEqualTo("0s");
        assertThat(test.path("continue").asBoolean(true)).isFalse();
        JsonNode catchAll = route.path("routes").get(1);
        assertThat(catchAll.path("receiver").asText()).isEqualTo("ch-aaa");
        assertThat(catchAll.path("continue").asBoolean()).isTrue();
        assertThat(catchAll.has("match")).isFalse();
        JsonNode none = config.path("receivers").get(0);
        assertThat(none.path("name").asText()).isEqualTo("infradash-none");
        assertThat(none.size()).isEqualTo(1);
        JsonNode hook = config.path("receivers").get(1).path("webhook_configs").get(0);
        assertThat(hook.path("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(hook.path("send_resolved").asBoolean()).isTrue();
    }

    @Test
    void aRuleWithChosenChannelsFansOutToThemAndStops() throws Exception {
        JsonNode config = parse(renderer.render(
                List.of(webhook("aaa", "http://127.0.0.1:9/a"), webhook("bbb", "http://127.0.0.1:9/b")),
                List.of(
                        new RuleRoutes.RuleRoute("down-fast", List.of("bbb", "gone")),
                        new RuleRoutes.RuleRoute("all", List.of())),
                RELAY));
        List<JsonNode> routes = new ArrayList<>();
        config.path("route").path("routes").forEach(routes::add);
        assertThat(routes).hasSize(2 + 1 + 2); // two test routes, one rule route, two catch-alls
        JsonNode rule = routes.get(2);
        assertThat(rule.path("match").path("infradash_rule").asText()).isEqualTo("down-fast");
        assertThat(rule.path("continue").asBoolean(true)).isFalse();
        assertThat(rule.path("routes").size()).isEqualTo(1);
        assertThat(rule.path("routes").get(0).path("receiver").asText()).isEqualTo("ch-bbb");
        assertThat(rule.path("routes").get(0).path("continue").asBoolean()).isTrue();
    }

    @Test
    void yamlInjectionInAnyValueStaysInsideItsScalar() throws Exception {
        String hostile = "http://127.0.0.1:9/x\"\nreceivers:\n  - name: evil\n#";
        String ruleId = "r\"}\n  - receiver: evil\n    continue: true";
        Channel channel = new Channel("aaa", "n", ChannelType.WEBHOOK, Map.of("url", hostile), "x");
        Channel mail = email("bbb", "pw: {inject: [1]}\n  auth_password: other");
        JsonNode config = parse(renderer.render(
                List.of(channel, mail), List.of(new RuleRoutes.RuleRoute(ruleId, List.of("aaa"))), RELAY));
        assertThat(config.path("receivers").size()).isEqualTo(3);
        assertThat(config.path("receivers")
                        .get(1)
                        .path("webhook_configs")
                        .get(0)
                        .path("url")
                        .asText())
                .isEqualTo(hostile);
        assertThat(config.path("receivers")
                        .get(2)
                        .path("email_configs")
                        .get(0)
                        .path("auth_password")
                        .asText())
                .isEqualTo("pw: {inject: [1]}\n  auth_password: other");
        assertThat(config.path("route")
                        .path("routes")
                        .get(2)
                        .path("match")
                        .path("infradash_rule")
                        .asText())
                .isEqualTo(ruleId);
    }

    @Test
    void relayedChannelsPostToInfradashWithTheirBearerSecret() throws Exception {
        Channel ntfy = new Channel(
                "nnn", "push", ChannelType.NTFY, Map.of("serverUrl", "https://ntfy.sh", "topic", "t"), "sekrit");
        JsonNode hook = parse(renderer.render(List.of(ntfy), List.of(), RELAY))
                .path("receivers")
                .get(1)
                .path("webhook_configs")
                .get(0);
        assertThat(hook.path("url").asText()).isEqualTo("http://127.0.0.1:8080/api/alerting/relay/nnn");
        assertThat(hook.path("http_config")
                        .path("authorization")
                        .path("credentials")
                        .asText())
                .isEqualTo("sekrit");
    }

    @Test
    void configuredTimingsReachTheRootRouteAndAmtoolAcceptsThem(@TempDir Path dir) throws Exception {
        AlertmanagerConfigRenderer configured = new AlertmanagerConfigRenderer(
                new GroupTimings(Duration.ofSeconds(1), Duration.ofSeconds(90), Duration.ofHours(26)));
        String yaml = configured.render(List.of(webhook("aaa", "http://127.0.0.1:9/hook")), List.of(), RELAY);

        JsonNode route = parse(yaml).path("route");
        assertThat(route.path("group_wait").asText()).isEqualTo("1s");
        assertThat(route.path("group_interval").asText()).isEqualTo("1m30s");
        assertThat(route.path("repeat_interval").asText()).isEqualTo("1d2h");
        // the Send test route keeps its own timings: a test is sent at once whatever the root's
        assertThat(route.path("routes").get(0).path("group_wait").asText()).isEqualTo("0s");
        assertThat(amtoolCheck(dir, yaml)).contains("2 receivers");
    }

    /** Alertmanager's own checker accepts every type as rendered (amtool ships with the Debian package). */
    @Test
    void amtoolAcceptsAConfigurationWithEveryType(@TempDir Path dir) throws Exception {
        List<Channel> all = List.of(
                webhook("aaa", "http://127.0.0.1:9/hook"),
                email("bbb", "secret"),
                new Channel(
                        "ccc",
                        "slack",
                        ChannelType.SLACK,
                        Map.of("url", "https://hooks.slack.com/services/T/B/X"),
                        "s"),
                new Channel(
                        "ddd",
                        "discord",
                        ChannelType.DISCORD,
                        Map.of("url", "https://discord.com/api/webhooks/1/x"),
                        "s"),
                new Channel(
                        "eee",
                        "tg",
                        ChannelType.TELEGRAM,
                        Map.of("botToken", "123:abcdefghijklmn", "chatId", "-100123"),
                        "s"),
                new Channel("fff", "ntfy", ChannelType.NTFY, Map.of("serverUrl", "https://ntfy.sh", "topic", "t"), "s"),
                new Channel(
                        "ggg",
                        "gotify",
                        ChannelType.GOTIFY,
                        Map.of("serverUrl", "https://gotify.example.org", "appToken", "A.b"),
                        "s"));
        String output =
                amtoolCheck(dir, renderer.render(all, List.of(new RuleRoutes.RuleRoute("r1", List.of("bbb"))), RELAY));
        assertThat(output).contains("8 receivers");
    }

    /** {@code amtool check-config} on the YAML; fails unless it passes; returns amtool's output. */
    private static String amtoolCheck(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("alertmanager.yml");
        Files.writeString(file, yaml);
        Process amtool = new ProcessBuilder("/usr/bin/amtool", "check-config", file.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(amtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(amtool.getInputStream().readAllBytes());
        assertThat(amtool.exitValue()).as(output).isZero();
        return output;
    }
}
