package dev.infradash.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class PrometheusPropertiesTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static Set<String> violations(Consumer<TestProperties> customizer) {
        TestProperties props = new TestProperties("http://127.0.0.1:9090");
        customizer.accept(props);
        return validator.validate(props.build()).stream()
                .map(ConstraintViolation::getMessage)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void acceptsHttpAndHttpsWithPrefix() {
        assertThat(violations(p -> {})).isEmpty();
        assertThat(violations(p -> p.url = URI.create("https://proxy.example/prom/")))
                .isEmpty();
        assertThat(violations(p -> {
                    p.username = "u";
                    p.password = "p";
                    p.bearerToken = "  "; // blank: treated as unset
                }))
                .isEmpty();
    }

    @Test
    void rejectsNonHttpUrls() {
        for (String url : new String[] {
            "ftp://127.0.0.1/", "localhost:9090", "/prom", "http://u:pw@host:9090", "http://host:9090/?x=1"
        }) {
            assertThat(violations(p -> p.url = URI.create(url)))
                    .as(url)
                    .singleElement()
                    .asString()
                    .startsWith("infradash.prometheus.url must be");
        }
    }

    @Test
    void rejectsBasicTogetherWithBearer() {
        assertThat(violations(p -> {
                    p.username = "u";
                    p.password = "p";
                    p.bearerToken = "t";
                }))
                .singleElement()
                .asString()
                .contains("not both");
    }

    @Test
    void rejectsBadNumbers() {
        assertThat(violations(p -> p.maxRetries = 11)).hasSize(1);
        assertThat(violations(p -> p.maxRetries = -1)).hasSize(1);
        assertThat(violations(p -> p.readTimeout = Duration.ZERO)).hasSize(1);
        assertThat(violations(p -> p.retryBackoff = Duration.ofMillis(-1))).hasSize(1);
        assertThat(violations(p -> p.maxResponseSize = DataSize.ofBytes(0))).hasSize(1);
    }

    @Test
    void toStringHidesSecrets() {
        TestProperties props = new TestProperties("http://127.0.0.1:9090");
        props.username = "admin";
        props.password = "hunter2";
        assertThat(props.build().toString()).contains("admin").doesNotContain("hunter2");
    }

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PrometheusConfiguration.class);

    @Test
    void bindsDefaultsAndCreatesClient() {
        context.run(ctx -> {
            PrometheusProperties props = ctx.getBean(PrometheusProperties.class);
            assertThat(props).isEqualTo(PrometheusProperties.of(URI.create("http://127.0.0.1:9090")));
            assertThat(ctx.getBean(PrometheusClient.class).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        });
    }

    @Test
    void bindsCustomValues() {
        context.withPropertyValues(
                        "infradash.prometheus.url=http://127.0.0.1:19090/prom/",
                        "infradash.prometheus.read-timeout=3s",
                        "infradash.prometheus.max-response-size=1MB",
                        "infradash.prometheus.headers.X-Scope-OrgID=tenant-1")
                .run(ctx -> {
                    PrometheusProperties props = ctx.getBean(PrometheusProperties.class);
                    assertThat(props.readTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(props.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(1));
                    assertThat(props.headers()).isEqualTo(Map.of("X-Scope-OrgID", "tenant-1"));
                    assertThat(ctx.getBean(PrometheusClient.class).baseUrl())
                            .isEqualTo(URI.create("http://127.0.0.1:19090/prom"));
                });
    }

    @Test
    void invalidUrlFailsStartup() {
        context.withPropertyValues("infradash.prometheus.url=file:///etc/passwd")
                .run(ctx -> assertThat(ctx)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("infradash.prometheus.url"));
    }
}
