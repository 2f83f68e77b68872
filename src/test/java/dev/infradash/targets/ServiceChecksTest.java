package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Service checks in the targets file: written as blackbox target groups, read back, validated (issue 14). */
class ServiceChecksTest {

    @TempDir
    Path dir;

    private static ServerDefinition storage(List<ServiceCheck> services) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("rack", "a");
        return new ServerDefinition(
                "storage-server",
                "Storage Server",
                "storage",
                List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.7", 9100)),
                labels,
                services);
    }

    private static final List<ServiceCheck> REFERENCE = List.of(
            new ServiceCheck("qdrant", ServiceKind.HTTP, "http://10.0.0.7:6333/healthz", "healthz", false, ""),
            new ServiceCheck("proxmox", ServiceKind.HTTP, "https://10.0.0.8:8006/", "", true, ""),
            new ServiceCheck("ssh", ServiceKind.TCP, "10.0.0.7:22"),
            new ServiceCheck("ping", ServiceKind.ICMP, "10.0.0.7"),
            new ServiceCheck("resolver", ServiceKind.DNS, "10.0.0.1:53", "", false, "example.org"));

    @Test
    void checksAreWrittenAsBlackboxGroupsWithTheLabelContractAndReadBackAsChecksNotExporters() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        TargetFileStore store = fixture.store();
        store.add(storage(REFERENCE), store.load().version(), StoreFixture.ALICE);

        JsonNode groups = StoreFixture.JSON.readTree(fixture.bytes());
        assertThat(groups).hasSize(1 + REFERENCE.size());
        JsonNode qdrant = groups.get(1);
        assertThat(qdrant.get("targets").get(0).asText()).isEqualTo("http://10.0.0.7:6333/healthz");
        JsonNode labels = qdrant.get("labels");
        assertThat(labels.get("server").asText()).isEqualTo("storage-server");
        assertThat(labels.get("role").asText()).isEqualTo("storage");
        assertThat(labels.get("service").asText()).isEqualTo("qdrant");
        assertThat(labels.get("service_kind").asText()).isEqualTo("http");
        assertThat(labels.get("__infradash_exporter").asText()).isEqualTo("blackbox");
        assertThat(labels.get("__param_module").asText()).isEqualTo("http_keyword");
        assertThat(labels.get("rack").asText()).as("extra labels join too").isEqualTo("a");
        assertThat(groups.get(2).get("labels").get("__param_module").asText()).isEqualTo("http_2xx_insecure");
        assertThat(groups.get(3).get("labels").get("__param_module").asText()).isEqualTo("tcp_connect");
        assertThat(groups.get(4).get("labels").get("__param_module").asText()).isEqualTo("icmp");
        assertThat(groups.get(5).get("labels").get("__param_module").asText()).isEqualTo("dns");

        assertThat(fixture.read()).containsExactly(storage(REFERENCE));
        MonitoredServer read = new TargetFile(StoreFixture.JSON)
                .load(fixture.targets)
                .targets()
                .servers()
                .get(0);
        assertThat(read.exporters()).as("checks are no exporters").hasSize(1);
        assertThat(read.exporters().get(0).kind()).isEqualTo(ExporterKind.NODE);
        assertThat(read.labels()).as("service labels are no server labels").containsOnlyKeys("rack");
        assertThat(read.services()).isEqualTo(REFERENCE);
    }

    @Test
    void aServerWithChecksButNoExporterIsValid() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        TargetFileStore store = fixture.store();
        ServerDefinition router = new ServerDefinition(
                "router",
                "Router",
                "network",
                List.of(),
                Map.of(),
                List.of(new ServiceCheck("web", ServiceKind.HTTP, "http://10.0.0.1/")));
        store.add(router, store.load().version(), StoreFixture.ALICE);
        assertThat(fixture.read()).containsExactly(router);

        ServerDefinition nothing = new ServerDefinition("empty", "Empty", "", List.of(), Map.of(), List.of());
        ValidationException refused = catchThrowableOfType(
                () -> store.add(nothing, store.load().version(), StoreFixture.ALICE), ValidationException.class);
        assertThat(refused.errors())
                .containsExactly(new FieldError("exporters", "needs at least one exporter or service check"));
    }

    static Stream<Arguments> hostileChecks() {
        return Stream.of(
                Arguments.of(
                        new ServiceCheck("f", ServiceKind.HTTP, "file:///etc/passwd"), "target", "http:// or https://"),
                Arguments.of(new ServiceCheck("j", ServiceKind.HTTP, "javascript:alert(1)"), "target", "http://"),
                Arguments.of(
                        new ServiceCheck("c", ServiceKind.HTTP, "http://admin:secret@10.0.0.7/"),
                        "target",
                        "credentials"),
                Arguments.of(
                        new ServiceCheck("c", ServiceKind.HTTP, "http://admin@10.0.0.7/"), "target", "credentials"),
                Arguments.of(
                        new ServiceCheck("i", ServiceKind.HTTP, "http://10.0.0.7/\"} or vector(1)"),
                        "target",
                        "plain ASCII"),
                Arguments.of(
                        new ServiceCheck("i", ServiceKind.HTTP, "http://10.0.0.7/{x}"), "target", "not a valid URL"),
                Arguments.of(
                        new ServiceCheck("n", ServiceKind.HTTP, "http://10.0.0.7/\n"), "target", "control characters"),
                Arguments.of(
                        new ServiceCheck("h", ServiceKind.HTTP, "http://256.0.0.1/"), "target", "greater than 255"),
                Arguments.of(new ServiceCheck("p", ServiceKind.HTTP, "http://10.0.0.7:70000/"), "target", "port"),
                Arguments.of(
                        new ServiceCheck("l", ServiceKind.HTTP, "http://x/" + "a".repeat(2000)),
                        "target",
                        "at most 1024"),
                Arguments.of(new ServiceCheck("t", ServiceKind.TCP, "10.0.0.7"), "target", "needs a port"),
                Arguments.of(new ServiceCheck("t", ServiceKind.TCP, "10.0.0.7:0"), "target", "between 1 and 65535"),
                Arguments.of(
                        new ServiceCheck("t", ServiceKind.TCP, "g\u043e\u043egle.com:22"), "target", "plain ASCII"),
                Arguments.of(new ServiceCheck("p", ServiceKind.ICMP, "10.0.0.7:22"), "target", "without a port"),
                Arguments.of(new ServiceCheck("d", ServiceKind.DNS, "10.0.0.1"), "target", "needs a port"),
                Arguments.of(new ServiceCheck("a\"}", ServiceKind.TCP, "10.0.0.7:22"), "name", "letters, digits"),
                Arguments.of(new ServiceCheck("", ServiceKind.TCP, "10.0.0.7:22"), "name", "is required"),
                Arguments.of(new ServiceCheck("x".repeat(64), ServiceKind.TCP, "10.0.0.7:22"), "name", "at most 63"),
                Arguments.of(new ServiceCheck("k", null, "10.0.0.7:22"), "kind", "is required"),
                Arguments.of(
                        new ServiceCheck("k", ServiceKind.HTTP, "http://10.0.0.7/", "a\"b", false, ""),
                        "keyword",
                        "must not contain \""),
                Arguments.of(
                        new ServiceCheck("k", ServiceKind.TCP, "10.0.0.7:22", "ok", false, ""),
                        "keyword",
                        "only to http"),
                Arguments.of(
                        new ServiceCheck("s", ServiceKind.HTTP, "http://10.0.0.7/", "", true, ""),
                        "acceptSelfSigned",
                        "https://"),
                Arguments.of(
                        new ServiceCheck("d", ServiceKind.DNS, "10.0.0.1:53", "", false, "bad_name"),
                        "dnsQuery",
                        "not a valid host name"));
    }

    @ParameterizedTest
    @MethodSource("hostileChecks")
    void aHostileCheckIsRefusedOnItsFieldAndNothingIsWritten(ServiceCheck check, String field, String fragment)
            throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        TargetFileStore store = fixture.store();
        store.add(storage(List.of()), store.load().version(), StoreFixture.ALICE);
        byte[] before = fixture.bytes();
        List<ServiceCheck> services = new ArrayList<>();
        services.add(new ServiceCheck("ok", ServiceKind.TCP, "10.0.0.7:22"));
        services.add(check);
        ValidationException refused = catchThrowableOfType(
                () -> store.update(
                        "storage-server", storage(services), store.load().version(), StoreFixture.ALICE),
                ValidationException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo("services[1]." + field);
            assertThat(error.message()).contains(fragment);
        });
        assertThat(fixture.bytes()).isEqualTo(before);
    }

    @Test
    void twoChecksOfOneServerMayNotShareAName() {
        List<FieldError> errors = new TargetValidator()
                .validateServer(storage(List.of(
                        new ServiceCheck("ssh", ServiceKind.TCP, "10.0.0.7:22"),
                        new ServiceCheck("ssh", ServiceKind.TCP, "10.0.0.7:2222"))));
        assertThat(errors).extracting(FieldError::field).containsExactly("services[1].name");
    }

    @Test
    void anExtraLabelMayNotTakeTheServiceLabels() {
        ServerDefinition server = new ServerDefinition(
                "a",
                "A",
                "",
                List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.2", 9100)),
                Map.of("service", "x"));
        assertThat(new TargetValidator().validateServer(server))
                .extracting(FieldError::field)
                .containsExactly("extraLabels[0].name");
    }

    @Test
    void aHandEditedCheckWithAModuleOfAnotherKindIsReportedNotGuessed() {
        String file = """
                [{"targets": ["10.0.0.7:22"], "labels": {"server": "s", "__infradash_exporter": "blackbox",
                  "service": "ssh", "service_kind": "tcp", "__param_module": "http_2xx"}}]""";
        assertThat(catchThrowableOfType(
                                () -> new TargetFile(StoreFixture.JSON).parse(file, "t.json"),
                                InvalidTargetFileException.class)
                        .getMessage())
                .contains("service ssh", "not one of the shipped modules for tcp");
    }

    @Test
    void anExpectedStatusRangePicksItsShippedModuleAndReadsBackFromIt() throws Exception {
        StoreFixture fixture = new StoreFixture(dir);
        TargetFileStore store = fixture.store();
        List<ServiceCheck> checks = List.of(
                new ServiceCheck(
                        "login", ServiceKind.HTTP, "http://10.0.0.7/", "", false, "", ExpectedStatus.BELOW_500),
                new ServiceCheck(
                        "portal",
                        ServiceKind.HTTP,
                        "https://10.0.0.8:8006/",
                        "Proxmox",
                        true,
                        "",
                        ExpectedStatus.SUCCESS_OR_REDIRECT),
                new ServiceCheck("plain", ServiceKind.HTTP, "http://10.0.0.7:6333/healthz"));
        store.add(storage(checks), store.load().version(), StoreFixture.ALICE);

        JsonNode groups = StoreFixture.JSON.readTree(fixture.bytes());
        assertThat(groups.get(1).get("labels").get("__param_module").asText()).isEqualTo("http_2xx_4xx");
        assertThat(groups.get(2).get("labels").get("__param_module").asText())
                .isEqualTo("http_keyword_2xx_3xx_insecure");
        assertThat(groups.get(3).get("labels").get("__param_module").asText())
                .as("the default keeps today's module")
                .isEqualTo("http_2xx");
        assertThat(fixture.read()).containsExactly(storage(checks));
    }

    @Test
    void everyCombinationHasItsOwnModuleAndEachModuleReadsBackAsItsCombination() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ExpectedStatus status : ExpectedStatus.values()) {
            for (String keyword : List.of("", "ok")) {
                for (boolean insecure : List.of(false, true)) {
                    ServiceCheck check =
                            new ServiceCheck("c", ServiceKind.HTTP, "https://10.0.0.7/", keyword, insecure, "", status);
                    String module = check.module();
                    assertThat(names.add(module)).as(module).isTrue();
                    assertThat(ServiceModules.expectedStatus(module)).isEqualTo(status);
                    assertThat(ServiceModules.insecure(module)).isEqualTo(insecure);
                    assertThat(ServiceModules.kindOf(module)).contains(ServiceKind.HTTP);
                }
            }
        }
        assertThat(names).hasSize(12).isEqualTo(ServiceModules.httpModules().keySet());
    }

    @Test
    void anExpectedStatusOnAnotherKindIsRefusedOnItsField() {
        List<FieldError> errors = new TargetValidator()
                .validateServer(storage(List.of(new ServiceCheck(
                        "ssh", ServiceKind.TCP, "10.0.0.7:22", "", false, "", ExpectedStatus.BELOW_500))));
        assertThat(errors).extracting(FieldError::field).containsExactly("services[0].expectStatus");
        assertThat(errors.get(0).message()).isEqualTo("applies only to http checks");
    }
}
