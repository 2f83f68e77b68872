package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile or invalid input is refused with the field and the reason, and the targets file,
 * the directory and the audit log stay exactly as they were.
 */
class TargetFileStoreHostileInputTest {

    private static final String TEN_KB = "x".repeat(10 * 1024);
    private static final String INJECT_CLOSE = "a\"}";
    private static final String INJECT_NEWLINE = "x\n";
    private static final String INJECT_OR = "x\"} or vector(1) #";
    private static final String INJECT_MATCHER = "{__name__=~\".+\"}";
    private static final String CYRILLIC_GOOGLE = "g\u043e\u043egle.com"; // both o's are Cyrillic U+043E
    private static final String RLO = "\u202e";
    private static final String ZWSP = "\u200b";

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private TargetFileStore store;
    private byte[] before;

    /** A valid server to add; each case breaks one thing about it. */
    private static ServerDefinition valid() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod");
        return new ServerDefinition(
                "web-1", "Web 1", "app", List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.2", 9100)), labels);
    }

    private static ServerDefinition id(String id) {
        ServerDefinition s = valid();
        return new ServerDefinition(id, s.displayName(), s.role(), s.exporters(), s.extraLabels());
    }

    private static ServerDefinition name(String name) {
        ServerDefinition s = valid();
        return new ServerDefinition(s.id(), name, s.role(), s.exporters(), s.extraLabels());
    }

    private static ServerDefinition role(String role) {
        ServerDefinition s = valid();
        return new ServerDefinition(s.id(), s.displayName(), role, s.exporters(), s.extraLabels());
    }

    private static ServerDefinition exporter(ExporterDefinition exporter) {
        ServerDefinition s = valid();
        return new ServerDefinition(s.id(), s.displayName(), s.role(), List.of(exporter), s.extraLabels());
    }

    private static ServerDefinition host(String host) {
        return exporter(new ExporterDefinition(ExporterKind.NODE, host, 9100));
    }

    private static ServerDefinition port(int port) {
        return exporter(new ExporterDefinition(ExporterKind.NODE, "10.0.0.2", port));
    }

    private static ServerDefinition scheme(String scheme) {
        return exporter(new ExporterDefinition(ExporterKind.NODE, "10.0.0.2", 9100, scheme, "/metrics"));
    }

    private static ServerDefinition path(String path) {
        return exporter(new ExporterDefinition(ExporterKind.NODE, "10.0.0.2", 9100, "http", path));
    }

    /** A server whose exporter is given as a pasted "host:port". */
    private static ServerDefinition address(String address) {
        return exporter(ExporterDefinition.fromAddress(ExporterKind.NODE, address, "http", "/metrics"));
    }

    private static ServerDefinition label(String name, String value) {
        ServerDefinition s = valid();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(name, value);
        return new ServerDefinition(s.id(), s.displayName(), s.role(), s.exporters(), labels);
    }

    private static Arguments add(
            String description, Function<Void, ServerDefinition> input, String field, String fragment) {
        return Arguments.of(
                description,
                (Function<Versioned<List<ServerDefinition>>, List<ServerDefinition>>) current -> {
                    List<ServerDefinition> servers = new ArrayList<>(current.value());
                    servers.add(input.apply(null));
                    return servers;
                },
                "servers[1]." + field,
                fragment);
    }

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                // --- server id: the `server` label on every series
                add("id closes a label matcher", v -> id(INJECT_CLOSE), "id", "lower-case letters"),
                add("id with newline", v -> id(INJECT_NEWLINE), "id", "control characters"),
                add("id with PromQL or", v -> id(INJECT_OR), "id", "lower-case letters"),
                add("id is a matcher", v -> id(INJECT_MATCHER), "id", "lower-case letters"),
                add("id empty", v -> id(""), "id", "is required"),
                add("id missing", v -> id(null), "id", "is required"),
                add("id upper case", v -> id("Web-1"), "id", "lower-case letters"),
                add("id starts with -", v -> id("-web"), "id", "starting with a letter or digit"),
                add("id with space", v -> id("web 1"), "id", "lower-case letters"),
                add("id with tab", v -> id("web\t1"), "id", "control characters"),
                add("id with zero-width space", v -> id("web" + ZWSP + "1"), "id", "invisible formatting"),
                add("id with right-to-left override", v -> id("web" + RLO + "1"), "id", "right-to-left"),
                add("id 10 KB", v -> id(TEN_KB), "id", "too long: 10240 characters, at most 63"),
                add("id 64 chars", v -> id("a".repeat(64)), "id", "at most 63"),
                add("id duplicate", v -> id("existing"), "id", "already used by another server"),
                // --- display name (kept out of series, but shown and logged)
                add("name closes a label matcher", v -> name(INJECT_CLOSE), "displayName", "must not contain \""),
                add("name with newline", v -> name(INJECT_NEWLINE), "displayName", "control characters"),
                add("name with PromQL or", v -> name(INJECT_OR), "displayName", "must not contain \""),
                add("name is a matcher", v -> name(INJECT_MATCHER), "displayName", "must not contain {"),
                add("name empty", v -> name(""), "displayName", "is required"),
                add("name blank", v -> name("   "), "displayName", "is required"),
                add("name 10 KB", v -> name(TEN_KB), "displayName", "at most 100"),
                add(
                        "name with right-to-left override",
                        v -> name("Web " + RLO + "1"),
                        "displayName",
                        "invisible formatting"),
                add("name with zero-width space", v -> name("Web" + ZWSP), "displayName", "zero-width space"),
                add("name with line separator", v -> name("Web\u20281"), "displayName", "line breaks"),
                add("name with DEL", v -> name("Web\u007f"), "displayName", "control characters"),
                add("name with tab", v -> name("Web\t1"), "displayName", "control characters"),
                add("name with trailing space", v -> name("Web 1 "), "displayName", "start or end with a space"),
                // --- role: on every series
                add("role closes a label matcher", v -> role(INJECT_CLOSE), "role", "only letters, digits"),
                add("role with newline", v -> role("gpu\nserver"), "role", "control characters"),
                add("role with PromQL or", v -> role(INJECT_OR), "role", "only letters, digits"),
                add("role is a matcher", v -> role(INJECT_MATCHER), "role", "only letters, digits"),
                add("role 10 KB", v -> role(TEN_KB), "role", "at most 63"),
                add("role with tab", v -> role("a\tb"), "role", "only letters, digits"),
                // --- host
                add(
                        "host closes a label matcher",
                        v -> host(INJECT_CLOSE),
                        "exporters[0].host",
                        "only letters, digits, '-' and '.'"),
                add(
                        "host with newline",
                        v -> host(INJECT_NEWLINE),
                        "exporters[0].host",
                        "spaces or control characters"),
                add("host with PromQL or", v -> host(INJECT_OR), "exporters[0].host", "spaces or control characters"),
                add("host is a matcher", v -> host(INJECT_MATCHER), "exporters[0].host", "only letters, digits"),
                add("host 10 KB", v -> host(TEN_KB), "exporters[0].host", "at most 253"),
                add("host 256.1.1.1", v -> host("256.1.1.1"), "exporters[0].host", "256 is greater than 255"),
                add("host 1.2.3", v -> host("1.2.3"), "exporters[0].host", "needs four numbers"),
                add("host with leading zero", v -> host("010.0.0.1"), "exporters[0].host", "leading zeros"),
                add("host [::1 unclosed", v -> host("[::1"), "exporters[0].host", "enclosed in brackets"),
                add("host [zz::1]", v -> host("[zz::1]"), "exporters[0].host", "not a valid IPv6 address"),
                add("host [1::2::3]", v -> host("[1::2::3]"), "exporters[0].host", "not a valid IPv6 address"),
                add("host IPv4 in brackets", v -> host("[1.2.3.4]"), "exporters[0].host", "not a valid IPv6 address"),
                add(
                        "host IPv6 with zone",
                        v -> host("[fe80::1%eth0]"),
                        "exporters[0].host",
                        "not a valid IPv6 address"),
                add("host IPv6 unbracketed", v -> host("::1"), "exporters[0].host", "in brackets"),
                add(
                        "host Cyrillic look-alike",
                        v -> host(CYRILLIC_GOOGLE),
                        "exporters[0].host",
                        "plain ASCII (non-ASCII U+043E"),
                add("host with space", v -> host("my host"), "exporters[0].host", "spaces"),
                add("host with tab", v -> host("host\t"), "exporters[0].host", "spaces or control characters"),
                add(
                        "host with zero-width space",
                        v -> host("ex" + ZWSP + "ample.com"),
                        "exporters[0].host",
                        "plain ASCII"),
                add(
                        "host with right-to-left override",
                        v -> host("moc." + RLO + "example"),
                        "exporters[0].host",
                        "plain ASCII"),
                add(
                        "host label starts with -",
                        v -> host("-bad.example"),
                        "exporters[0].host",
                        "start or end with '-'"),
                add("host double dot", v -> host("a..b"), "exporters[0].host", "empty label"),
                add("host label of 64", v -> host("a".repeat(64) + ".com"), "exporters[0].host", "at most 63"),
                add(
                        "host of 254",
                        v -> host(("a".repeat(62) + ".").repeat(4) + "ab"),
                        "exporters[0].host",
                        "at most 253"),
                add("host empty", v -> host(""), "exporters[0].host", "is required"),
                add("host with port", v -> host("example.com:80"), "exporters[0].host", "must not contain ':'"),
                // --- port
                add("port 0", v -> port(0), "exporters[0].port", "between 1 and 65535"),
                add("port 65536", v -> port(65536), "exporters[0].port", "between 1 and 65535"),
                add("port -1", v -> port(-1), "exporters[0].port", "between 1 and 65535"),
                addressCase("address localhost:0", "localhost:0", "port", "between 1 and 65535"),
                addressCase("address localhost:65536", "localhost:65536", "port", "between 1 and 65535"),
                addressCase("address localhost:-1", "localhost:-1", "port", "must be a number"),
                addressCase("address non-numeric port", "localhost:http", "port", "must be a number"),
                addressCase("address without port", "localhost", "address", "needs a port"),
                addressCase("address 10 KB", TEN_KB, "address", "too long"),
                add("address [::1 unclosed", v -> address("[::1:9100"), "exporters[0].host", "enclosed in brackets"),
                // --- scheme
                add("scheme ftp", v -> scheme("ftp"), "exporters[0].scheme", "http or https"),
                add("scheme upper case", v -> scheme("HTTP"), "exporters[0].scheme", "http or https"),
                add("scheme closes a label matcher", v -> scheme(INJECT_CLOSE), "exporters[0].scheme", "http or https"),
                add("scheme with newline", v -> scheme("http\n"), "exporters[0].scheme", "http or https"),
                add("scheme 10 KB", v -> scheme(TEN_KB), "exporters[0].scheme", "at most 5"),
                // --- metrics path
                add("path without /", v -> path("metrics"), "exporters[0].metricsPath", "must start with '/'"),
                add("path with space", v -> path("/my metrics"), "exporters[0].metricsPath", "no spaces"),
                add(
                        "path with newline",
                        v -> path("/metrics" + INJECT_NEWLINE),
                        "exporters[0].metricsPath",
                        "no spaces"),
                add(
                        "path closes a label matcher",
                        v -> path("/" + INJECT_CLOSE),
                        "exporters[0].metricsPath",
                        "URL path characters"),
                add(
                        "path with PromQL or",
                        v -> path("/" + INJECT_OR),
                        "exporters[0].metricsPath",
                        "URL path characters"),
                add("path is a matcher", v -> path(INJECT_MATCHER), "exporters[0].metricsPath", "must start with '/'"),
                add("path with query", v -> path("/metrics?x=1"), "exporters[0].metricsPath", "query parameters"),
                add("path non-ASCII", v -> path("/m\u00e9trics"), "exporters[0].metricsPath", "URL path characters"),
                add("path 10 KB", v -> path("/" + TEN_KB), "exporters[0].metricsPath", "at most 255"),
                // --- extra labels
                add("label __name__", v -> label("__name__", "x"), "extraLabels[0].name", "must not start with \"__\""),
                add(
                        "label __address__",
                        v -> label("__address__", "evil:1"),
                        "extraLabels[0].name",
                        "must not start with \"__\""),
                add(
                        "label __scheme__",
                        v -> label("__scheme__", "https"),
                        "extraLabels[0].name",
                        "must not start with \"__\""),
                add("label job", v -> label("job", "node"), "extraLabels[0].name", "\"job\" is reserved"),
                add("label server", v -> label("server", "other"), "extraLabels[0].name", "\"server\" is reserved"),
                add("label role", v -> label("role", "x"), "extraLabels[0].name", "\"role\" is reserved"),
                add("label instance", v -> label("instance", "x"), "extraLabels[0].name", "\"instance\" is reserved"),
                add(
                        "label name starts with digit",
                        v -> label("1abc", "x"),
                        "extraLabels[0].name",
                        "Prometheus label name"),
                add("label name with -", v -> label("a-b", "x"), "extraLabels[0].name", "Prometheus label name"),
                add(
                        "label name injection",
                        v -> label(INJECT_CLOSE, "x"),
                        "extraLabels[0].name",
                        "Prometheus label name"),
                add("label name empty", v -> label("", "x"), "extraLabels[0].name", "Prometheus label name"),
                add("label name 10 KB", v -> label(TEN_KB, "x"), "extraLabels[0].name", "at most 128"),
                add(
                        "label value closes a matcher",
                        v -> label("env", INJECT_CLOSE),
                        "extraLabels[0].value",
                        "must not contain \""),
                add(
                        "label value newline",
                        v -> label("env", INJECT_NEWLINE),
                        "extraLabels[0].value",
                        "control characters"),
                add(
                        "label value PromQL or",
                        v -> label("env", INJECT_OR),
                        "extraLabels[0].value",
                        "must not contain \""),
                add(
                        "label value matcher",
                        v -> label("env", INJECT_MATCHER),
                        "extraLabels[0].value",
                        "must not contain {"),
                add("label value CR", v -> label("env", "a\rb"), "extraLabels[0].value", "control characters"),
                add("label value tab", v -> label("env", "a\tb"), "extraLabels[0].value", "control characters"),
                add("label value U+2028", v -> label("env", "a\u2028b"), "extraLabels[0].value", "line breaks"),
                add("label value U+2029", v -> label("env", "a\u2029b"), "extraLabels[0].value", "line breaks"),
                add("label value DEL", v -> label("env", "a\u007fb"), "extraLabels[0].value", "control characters"),
                add("label value RLO", v -> label("env", "a" + RLO), "extraLabels[0].value", "right-to-left"),
                add("label value 10 KB", v -> label("env", TEN_KB), "extraLabels[0].value", "at most 1024"),
                add("label value empty", v -> label("env", ""), "extraLabels[0].value", "must not be empty"),
                // --- structure
                add("no exporter", v -> exporterList(List.of()), "exporters", "at least one exporter"),
                add(
                        "missing kind",
                        v -> exporter(new ExporterDefinition(null, "10.0.0.2", 9100)),
                        "exporters[0].kind",
                        "node, gpu or other"),
                add(
                        "duplicate host:port across servers",
                        v -> host("10.0.0.1"),
                        "exporters[0].host",
                        "is already the node exporter of server \"existing\""),
                add(
                        "duplicate host:port, other case",
                        v -> exporterList(List.of(
                                new ExporterDefinition(ExporterKind.NODE, "Node.example", 9100),
                                new ExporterDefinition(ExporterKind.GPU, "node.EXAMPLE", 9100))),
                        "exporters[1].host",
                        "is already the node exporter of"),
                add(
                        "duplicate IPv6, other spelling",
                        v -> exporterList(List.of(
                                new ExporterDefinition(ExporterKind.NODE, "[::1]", 9100),
                                new ExporterDefinition(ExporterKind.OTHER, "[0:0::1]", 9100))),
                        "exporters[1].host",
                        "is already the node exporter of"));
    }

    private static ServerDefinition exporterList(List<ExporterDefinition> exporters) {
        ServerDefinition s = valid();
        return new ServerDefinition(s.id(), s.displayName(), s.role(), exporters, s.extraLabels());
    }

    /** The pasted address is refused before any server list exists; the field is the form's. */
    private static Arguments addressCase(String description, String address, String field, String fragment) {
        return Arguments.of(
                description,
                (Function<Versioned<List<ServerDefinition>>, List<ServerDefinition>>) current -> {
                    List<ServerDefinition> servers = new ArrayList<>(current.value());
                    servers.add(address(address));
                    return servers;
                },
                field,
                fragment);
    }

    @BeforeEach
    void existingFile() {
        fixture = new StoreFixture(dir);
        store = fixture.store();
        store.add(StoreFixture.server("existing", "10.0.0.1", 9100), Versioned.NO_FILE, StoreFixture.ALICE);
        before = fixture.bytes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void isRefusedAndNothingIsWritten(
            String description,
            Function<Versioned<List<ServerDefinition>>, List<ServerDefinition>> edit,
            String field,
            String fragment)
            throws Exception {
        int auditEntries = fixture.audit.recent(100).size();
        long auditSize = Files.size(fixture.audit.file());

        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> {
            Versioned<List<ServerDefinition>> current = store.load();
            store.save(edit.apply(current), current.version(), StoreFixture.ALICE);
        });

        assertThat(refused).as(description + " must be refused").isNotNull();
        assertThat(refused.errors()).as(description).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(fragment);
        });
        assertThat(refused.errors())
                .allSatisfy(error -> assertThat(error.message())
                        .as("messages never echo long input")
                        .hasSizeLessThan(300));
        assertThat(refused.getMessage()).hasSizeLessThan(3000);
        assertThat(fixture.bytes()).as("targets file unchanged").isEqualTo(before);
        assertThat(fixture.strayFiles()).as("no temp file left").isEmpty();
        assertThat(Files.size(fixture.audit.file())).isEqualTo(auditSize);
        assertThat(fixture.audit.recent(100)).hasSize(auditEntries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void theSameInputIsRefusedThroughAddWithFieldsOfTheForm(
            String description,
            Function<Versioned<List<ServerDefinition>>, List<ServerDefinition>> edit,
            String field,
            String fragment) {
        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> {
            Versioned<List<ServerDefinition>> current = store.load();
            List<ServerDefinition> edited = edit.apply(current);
            store.add(edited.get(edited.size() - 1), current.version(), StoreFixture.ALICE);
        });
        assertThat(refused).as(description + " must be refused").isNotNull();
        String formField = field.startsWith("servers[1].") ? field.substring("servers[1].".length()) : field;
        assertThat(refused.errors())
                .as(description)
                .anySatisfy(error -> assertThat(error.field()).isEqualTo(formField));
        assertThat(fixture.bytes()).isEqualTo(before);
        assertThat(fixture.strayFiles()).isEmpty();
    }
}
