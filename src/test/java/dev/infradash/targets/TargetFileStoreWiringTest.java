package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditTrail;
import dev.infradash.base.FileOperations;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class TargetFileStoreWiringTest {

    @TempDir
    Path dir;

    @Configuration
    @EnableConfigurationProperties({TargetsProperties.class, DataProperties.class})
    @Import({TargetFileStore.class, AuditLog.class, TargetValidator.class})
    static class Wiring {
        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** As the audit slice makes it, over the same data directory. */
        @Bean
        AuditTrail auditTrail(DataProperties data, ObjectMapper json) {
            return new AuditTrail(data.dir(), json, FileOperations.SYSTEM);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Wiring.class);

    @Test
    void theStoreWritesTheConfiguredTargetsFileAndAuditsIntoTheDataDirectory() {
        runner.withPropertyValues(
                        "infradash.targets.file=" + dir.resolve("t/targets.json"),
                        "infradash.data.dir=" + dir.resolve("d"))
                .run(context -> {
                    TargetFileStore store = context.getBean(TargetFileStore.class);
                    assertThat(store.file()).isEqualTo(dir.resolve("t/targets.json"));
                    store.add(StoreFixture.server("a", "10.0.0.1", 9100), Versioned.NO_FILE, StoreFixture.ALICE);
                    assertThat(context.getBean(AuditLog.class).file()).isEqualTo(dir.resolve("d/audit.jsonl"));
                    assertThat(context.getBean(AuditLog.class).recent(5)).hasSize(1);
                });
    }

    @Test
    void theDataDirectoryDefaultsToDataAndABadPathStopsStartUpNamingTheProperty() {
        runner.run(context ->
                assertThat(context.getBean(DataProperties.class).dir()).isEqualTo(Path.of("data")));
        // an empty value falls back to the default (Spring binds "" as absent)
        runner.withPropertyValues("infradash.data.dir=")
                .run(context ->
                        assertThat(context.getBean(DataProperties.class).dir()).isEqualTo(Path.of("data")));
        runner.withPropertyValues("infradash.data.dir=a\u0000b")
                .run(context -> assertThat(context).hasFailed().getFailure().hasMessageContaining("infradash.data"));
    }
}
