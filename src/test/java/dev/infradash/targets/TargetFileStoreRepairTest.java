package dev.infradash.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-edited file with one entry that breaks a rule no longer blocks changes to the other
 * servers, and the problem is reported by server (security review: "the settings editor blocks
 * itself ... the messages do not name the faulty server"). Each test failed when every change
 * validated the whole list.
 */
class TargetFileStoreRepairTest {

    private static final String LONG_NAME = "N".repeat(10_000);

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private TargetFileStore store;

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture(dir);
        store = fixture.store();
    }

    private void handEdit(String json) throws Exception {
        Files.createDirectories(fixture.targets.getParent());
        Files.writeString(fixture.targets, json, StandardCharsets.UTF_8);
    }

    private void longNameFile() throws Exception {
        handEdit("""
                [{"targets": ["10.0.0.1:9100"], "labels": {"server": "long-name", "__infradash_exporter": "node", "__infradash_name": "%s"}},
                 {"targets": ["10.0.0.2:9100"], "labels": {"server": "good", "__infradash_exporter": "node"}}]
                """.formatted(LONG_NAME));
    }

    private void sharedExporterFile() throws Exception {
        handEdit("""
                [{"targets": ["10.0.0.1:9100"], "labels": {"server": "first", "__infradash_exporter": "node"}},
                 {"targets": ["10.0.0.1:9100"], "labels": {"server": "copy", "__infradash_exporter": "node"}},
                 {"targets": ["10.0.0.3:9100"], "labels": {"server": "good", "__infradash_exporter": "node"}}]
                """);
    }

    @Test
    void aTenThousandCharacterNameDoesNotBlockAddingEditingOrDeletingOthers() throws Exception {
        longNameFile();
        String version = store.load().version();
        version = store.add(StoreFixture.server("new-one", "10.0.0.9", 9100), version, StoreFixture.ALICE);
        version = store.update("good", StoreFixture.server("good", "10.0.0.2", 9200), version, StoreFixture.ALICE);
        version = store.delete("new-one", version, StoreFixture.ALICE);
        assertThat(store.load().value()).extracting(ServerDefinition::id).containsExactly("long-name", "good");
        assertThat(store.load().value().get(1).exporters().get(0).port()).isEqualTo(9200);
    }

    @Test
    void aTenThousandCharacterNameIsReportedOnItsServer() throws Exception {
        longNameFile();
        List<ServerProblem> problems = store.problems(store.load().value());
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.serverId()).isEqualTo("long-name");
            assertThat(problem.error().field()).isEqualTo("displayName");
            assertThat(problem.error().message()).contains("10000 characters, at most 100");
        });
    }

    @Test
    void theFaultyServerItselfCanBeFixedOrDeleted() throws Exception {
        longNameFile();
        String version = store.load().version();
        ValidationException unfixed = catchThrowableOfType(
                ValidationException.class,
                () -> store.update(
                        "long-name", store.load().value().get(0), store.load().version(), StoreFixture.ALICE));
        assertThat(unfixed.errors()).extracting(FieldError::field).containsExactly("displayName");
        version = store.update(
                "long-name", StoreFixture.server("long-name", "10.0.0.1", 9100), version, StoreFixture.ALICE);
        assertThat(store.problems(store.load().value())).isEmpty();
        store.delete("long-name", version, StoreFixture.ALICE);
        assertThat(store.load().value()).extracting(ServerDefinition::id).containsExactly("good");
    }

    @Test
    void anExporterSharedByTwoServersDoesNotBlockOthersAndNamesBothServers() throws Exception {
        sharedExporterFile();
        String version = store.load().version();
        version = store.add(StoreFixture.server("new-one", "10.0.0.9", 9100), version, StoreFixture.ALICE);
        version = store.update("good", StoreFixture.server("good", "10.0.0.3", 9300), version, StoreFixture.ALICE);
        assertThat(store.problems(store.load().value())).singleElement().satisfies(problem -> {
            assertThat(problem.serverId()).isEqualTo("copy");
            assertThat(problem.error().field()).isEqualTo("exporters[0].host");
            assertThat(problem.error().message()).contains("server \"first\"");
        });
        // editing one of the two without resolving the clash names the other one
        String stale = version;
        ValidationException refused = catchThrowableOfType(
                ValidationException.class,
                () -> store.update("first", StoreFixture.server("first", "10.0.0.1", 9100), stale, StoreFixture.ALICE));
        assertThat(refused.errors())
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("server \"copy\""));
        version = store.delete("copy", version, StoreFixture.ALICE);
        assertThat(store.problems(store.load().value())).isEmpty();
    }

    @Test
    void addingAServerThatClashesWithAnExistingOneIsStillRefused() throws Exception {
        sharedExporterFile();
        String version = store.load().version();
        byte[] before = fixture.bytes();
        ValidationException refused = catchThrowableOfType(
                ValidationException.class,
                () -> store.add(StoreFixture.server("good", "10.0.0.3", 9100), version, StoreFixture.ALICE));
        assertThat(refused.errors()).extracting(FieldError::field).contains("id", "exporters[0].host");
        assertThat(fixture.bytes()).isEqualTo(before);
    }

    @Test
    void rightToLeftOverridesAreRefusedInNames() {
        ServerDefinition reversed = new ServerDefinition(
                "web-1", "Web \u202e1-bew", "", List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.1", 9100)));
        ValidationException refused = catchThrowableOfType(
                ValidationException.class, () -> store.add(reversed, Versioned.NO_FILE, StoreFixture.ALICE));
        assertThat(refused.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("displayName");
            assertThat(error.message()).contains("U+202E");
        });
    }
}
