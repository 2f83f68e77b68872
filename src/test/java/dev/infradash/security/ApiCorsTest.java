package dev.infradash.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** With allowed origins configured, browsers from those origins (and only those) may read the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ApiCorsTest {

    private static final Path DIR = tempDir();

    @Autowired
    MockMvc mvc;

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("infradash-cors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("infradash.api.cors-allowed-origins", () -> "https://wall.example");
        registry.add("infradash.prometheus.url", () -> "http://127.0.0.1:9");
        registry.add("infradash.targets.file", () -> DIR.resolve("targets.json").toString());
        registry.add("infradash.data.dir", () -> DIR.resolve("data").toString());
        registry.add(
                "infradash.alerting.rule-file",
                () -> DIR.resolve("rules/infradash-managed.yml").toString());
        registry.add("infradash.refresh-interval", () -> "1h");
        registry.add("infradash.security.admin-password", () -> "cors-test-admin-password");
        registry.add("infradash.security.anonymous-read", () -> "true");
    }

    @Test
    void anAllowedOriginMayReadTheApiAndOthersMayNot() throws Exception {
        mvc.perform(options("/api/servers")
                        .header("Origin", "https://wall.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://wall.example"));
        mvc.perform(get("/api/servers").header("Origin", "https://wall.example"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://wall.example"));
        mvc.perform(get("/api/servers").header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }
}
