package dev.infradash.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Talks to Alertmanager's API v2 and lifecycle endpoint through one OkHttpClient. Thread-safe;
 * calls block. Every failure is an {@link AlertmanagerException} whose message names the URL and
 * quotes Alertmanager's reason. No retries: the collector asks again next cycle, and writes
 * (silences, reloads) must not be repeated behind the caller's back.
 */
public class AlertmanagerClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");
    /** Alertmanager's answers are small; anything bigger is not Alertmanager. */
    private static final long MAX_BODY = 16L * 1024 * 1024;

    private final URI baseUrl;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    public AlertmanagerClient(AlertmanagerProperties properties) {
        HttpUrl url = HttpUrl.get(properties.url().toString());
        HttpUrl.Builder normalized = url.newBuilder();
        for (int i = url.pathSize() - 1; i > 0 && url.pathSegments().get(i).isEmpty(); i--) {
            normalized.removePathSegment(i);
        }
        this.base = normalized.build();
        String text = base.toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .callTimeout(properties.readTimeout().plus(properties.connectTimeout()))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Every alert Alertmanager holds now: active, silenced and inhibited ones. */
    public List<AlertmanagerAlert> alerts() {
        return send(get("api/v2/alerts"), body -> {
            List<AlertmanagerAlert> alerts = new ArrayList<>();
            for (JsonNode node : array(body)) {
                JsonNode status = node.path("status");
                alerts.add(new AlertmanagerAlert(
                        node.path("fingerprint").asText(""),
                        strings(node.path("labels")),
                        strings(node.path("annotations")),
                        instant(node.path("startsAt")),
                        instant(node.path("endsAt")),
                        status.path("state").asText("unprocessed"),
                        texts(status.path("silencedBy")),
                        texts(status.path("inhibitedBy")),
                        receivers(node.path("receivers"))));
            }
            return alerts;
        });
    }

    /** Posts alerts as Prometheus does; Alertmanager routes them like any other. */
    public void postAlerts(List<NewAlert> alerts) {
        ArrayNode array = mapper.createArrayNode();
        for (NewAlert alert : alerts) {
            ObjectNode node = array.addObject();
            node.set("labels", mapper.valueToTree(alert.labels()));
            node.set("annotations", mapper.valueToTree(alert.annotations()));
            if (alert.startsAt() != null) node.put("startsAt", alert.startsAt().toString());
            if (alert.endsAt() != null) node.put("endsAt", alert.endsAt().toString());
        }
        send(post("api/v2/alerts", array), body -> Boolean.TRUE);
    }

    /** Every silence Alertmanager still knows, expired ones included (it keeps them a while). */
    public List<Silence> silences() {
        return send(get("api/v2/silences"), body -> {
            List<Silence> silences = new ArrayList<>();
            for (JsonNode node : array(body)) {
                List<Silence.Matcher> matchers = new ArrayList<>();
                for (JsonNode m : node.path("matchers")) {
                    matchers.add(new Silence.Matcher(
                            m.path("name").asText(""),
                            m.path("value").asText(""),
                            m.path("isRegex").asBoolean(false),
                            m.path("isEqual").asBoolean(true)));
                }
                silences.add(new Silence(
                        node.path("id").asText(""),
                        matchers,
                        instant(node.path("startsAt")),
                        instant(node.path("endsAt")),
                        node.path("createdBy").asText(""),
                        node.path("comment").asText(""),
                        node.path("status").path("state").asText("")));
            }
            return silences;
        });
    }

    /** Creates the silence (its id must be null); returns the id Alertmanager gave it. */
    public String createSilence(Silence silence) {
        if (silence.id() != null) throw new IllegalArgumentException("a new silence has no id");
        ObjectNode node = mapper.createObjectNode();
        ArrayNode matchers = node.putArray("matchers");
        for (Silence.Matcher m : silence.matchers()) {
            matchers.addObject()
                    .put("name", m.name())
                    .put("value", m.value())
                    .put("isRegex", m.isRegex())
                    .put("isEqual", m.isEqual());
        }
        node.put("startsAt", silence.startsAt().toString());
        node.put("endsAt", silence.endsAt().toString());
        node.put("createdBy", silence.createdBy());
        node.put("comment", silence.comment());
        return send(post("api/v2/silences", node), body -> {
            String id = body.path("silenceID").asText("");
            if (id.isEmpty()) throw new IOException("no silenceID in its answer");
            return id;
        });
    }

    /** Expires the silence now. An unknown id is refused (0.25: HTTP 500, "silence ... not found"). */
    public void expireSilence(String id) {
        Request request = new Request.Builder()
                .url(base.newBuilder()
                        .addPathSegments("api/v2/silence")
                        .addPathSegment(id)
                        .build())
                .delete()
                .build();
        send(request, body -> Boolean.TRUE);
    }

    /**
     * Asks Alertmanager to load its configuration file again ({@code POST /-/reload}). It answers
     * 200 only when the file was valid and loaded; otherwise it keeps the previous configuration
     * and this throws with Alertmanager's reason.
     */
    public void reload() {
        Request request = new Request.Builder()
                .url(base.newBuilder().addPathSegments("-/reload").build())
                .post(RequestBody.create(new byte[0], null))
                .build();
        send(request, body -> Boolean.TRUE);
    }

    /** The configuration Alertmanager runs now, as YAML text ({@code GET /api/v2/status}). */
    public String runningConfig() {
        return send(
                get("api/v2/status"),
                body -> body.path("config").path("original").asText(""));
    }

    /** Alertmanager's delivery counters by integration, from its {@code /metrics}. */
    public NotificationCounts notificationCounts() {
        Request request = new Request.Builder()
                .url(base.newBuilder().addPathSegment("metrics").build())
                .get()
                .build();
        String text = sendForText(request);
        Map<String, Long> attempted = new HashMap<>();
        Map<String, Long> failed = new HashMap<>();
        for (String line : text.split("\n")) {
            Map<String, Long> target = line.startsWith("alertmanager_notifications_total{")
                    ? attempted
                    : line.startsWith("alertmanager_notifications_failed_total{") ? failed : null;
            if (target == null) continue;
            int labelStart = line.indexOf("integration=\"");
            int valueStart = line.lastIndexOf(' ');
            if (labelStart < 0 || valueStart < 0) continue;
            int nameStart = labelStart + "integration=\"".length();
            int nameEnd = line.indexOf('"', nameStart);
            if (nameEnd < 0) continue;
            try {
                long value =
                        (long) Double.parseDouble(line.substring(valueStart + 1).trim());
                target.merge(line.substring(nameStart, nameEnd), value, Long::sum);
            } catch (NumberFormatException notACounter) {
                // a line we do not understand is not a count
            }
        }
        return new NotificationCounts(attempted, failed);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- plumbing ------------------------------------------------------------------------

    @FunctionalInterface
    private interface BodyParser<T> {
        T parse(JsonNode body) throws IOException;
    }

    private Request get(String path) {
        return new Request.Builder()
                .url(base.newBuilder().addPathSegments(path).build())
                .header("Accept", "application/json")
                .get()
                .build();
    }

    private Request post(String path, JsonNode json) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree we built ourselves always serialises
        }
        return new Request.Builder()
                .url(base.newBuilder().addPathSegments(path).build())
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON))
                .build();
    }

    private <T> T send(Request request, BodyParser<T> parser) {
        String text = sendForText(request);
        String what = request.method() + " " + request.url().encodedPath();
        try {
            JsonNode body = text.isBlank() ? mapper.nullNode() : mapper.readTree(text);
            return parser.parse(body);
        } catch (IOException e) {
            throw new AlertmanagerException(
                    "Alertmanager at " + baseUrl + " sent an unexpected answer to " + what + ": " + e.getMessage(),
                    200,
                    null,
                    e);
        }
    }

    private String sendForText(Request request) {
        String what = request.method() + " " + request.url().encodedPath();
        try (Response response = http.newCall(request).execute()) {
            String text = read(response);
            if (!response.isSuccessful()) {
                String reason = reason(text);
                throw new AlertmanagerException(
                        "Alertmanager at " + baseUrl + " refused " + what + " (HTTP " + response.code() + ")"
                                + (reason.isEmpty() ? "" : ": " + reason),
                        response.code(),
                        reason.isEmpty() ? null : reason,
                        null);
            }
            return text;
        } catch (IOException e) {
            throw new AlertmanagerException(
                    "Alertmanager at " + baseUrl + " did not answer " + what + ": " + e.getMessage(), 0, null, e);
        }
    }

    private static String read(Response response) throws IOException {
        try (InputStream in = response.body().byteStream()) {
            byte[] bytes = in.readNBytes((int) MAX_BODY + 1);
            if (bytes.length > MAX_BODY) throw new IOException("answer larger than " + MAX_BODY + " bytes");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Alertmanager's refusal text: a JSON string, an object with {@code message}, or plain text. */
    private String reason(String text) {
        String trimmed = text.strip();
        try {
            JsonNode node = mapper.readTree(trimmed);
            if (node != null && node.isTextual()) trimmed = node.asText();
            else if (node != null && node.hasNonNull("message"))
                trimmed = node.get("message").asText();
        } catch (IOException notJson) {
            // plain text, as /-/reload answers
        }
        return trimmed.length() > 500 ? trimmed.substring(0, 500) + "…" : trimmed;
    }

    private static Iterable<JsonNode> array(JsonNode body) throws IOException {
        if (!body.isArray()) throw new IOException("expected a JSON array");
        return body;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText("")));
        return map;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText("")));
        return list;
    }

    private static List<String> receivers(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.path("name").asText("")));
        return list;
    }

    private static Instant instant(JsonNode node) throws IOException {
        try {
            return Instant.parse(node.asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("not a time: " + node, e);
        }
    }
}
