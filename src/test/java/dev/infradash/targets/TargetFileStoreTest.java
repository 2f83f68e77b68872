package dev.infradash.targets;

import static dev.infradash.targets.StoreFixture.ALICE;
import static dev.infradash.targets.StoreFixture.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.FileOperations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFileStoreTest {

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private TargetFileStore store;

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture(dir);
        store = fixture.store();
    }

    private static ServerDefinition richServer() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("rack", "b-2");
        labels.put("datacenter", "Frankfurt 1 (main)");
        labels.put("_private", "yes");
        return new ServerDefinition(
                "ai-server",
                "AI Server 🚀 Müller's",
                "gpu box",
                List.of(
                        new ExporterDefinition(ExporterKind.NODE, "ai.example.com", 9100),
                        new ExporterDefinition(ExporterKind.GPU, "10.0.0.5", 9400, "https", "/gpu/metrics;v=2"),
                        new ExporterDefinition(ExporterKind.OTHER, "[::1]", 8080, "http", "/actuator/prometheus"),
                        new ExporterDefinition(ExporterKind.OTHER, "[fe80::1]", 8081),
                        new ExporterDefinition(ExporterKind.OTHER, "[::ffff:10.0.0.5]", 8082),
                        new ExporterDefinition(ExporterKind.NODE, "localhost", 65535),
                        new ExporterDefinition(ExporterKind.NODE, "xn--ggle-55da.com", 1),
                        new ExporterDefinition(ExporterKind.NODE, "0.0.0.0", 9100),
                        new ExporterDefinition(ExporterKind.NODE, "255.255.255.255", 9100)),
                labels);
    }

    @Test
    void validServersRoundTripThroughTheFileAsTheCollectorReadsIt() throws Exception {
        List<ServerDefinition> servers = List.of(
                richServer(),
                server("app", "app.lan", 9100),
                new ServerDefinition(
                        "storage",
                        "storage",
                        "",
                        List.of(new ExporterDefinition(ExporterKind.NODE, "10.0.0.7", 9100))));

        String version = store.save(servers, Versioned.NO_FILE, ALICE);

        assertThat(fixture.read()).isEqualTo(servers);
        assertThat(store.load()).isEqualTo(new Versioned<>(servers, version));
        assertThat(version).isEqualTo(Versioned.versionOf(fixture.bytes())).hasSize(64);
        TargetList list =
                new TargetFile(new ObjectMapper()).load(fixture.targets).targets();
        assertThat(list.server("ai-server").orElseThrow().exporters())
                .contains(
                        new Exporter(ExporterKind.GPU, "10.0.0.5:9400", "https", "/gpu/metrics;v=2"),
                        new Exporter(ExporterKind.OTHER, "[::1]:8080", "http", "/actuator/prometheus"));
        assertThat(Files.getPosixFilePermissions(fixture.targets))
                .as("Prometheus may run as another user")
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void writesTheFileInTheDocumentedConventions() throws Exception {
        store.save(List.of(richServer(), server("app", "app.lan", 9100)), Versioned.NO_FILE, ALICE);
        var groups = new ObjectMapper().readTree(fixture.targets.toFile());

        assertThat(groups).hasSize(10);
        var gpu = groups.get(1);
        assertThat(gpu.path("targets").get(0).asText()).isEqualTo("10.0.0.5:9400");
        assertThat(gpu.path("labels").path("__infradash_exporter").asText()).isEqualTo("gpu");
        assertThat(gpu.path("labels").path("__infradash_name").asText()).isEqualTo("AI Server 🚀 Müller's");
        assertThat(gpu.path("labels").path("__scheme__").asText()).isEqualTo("https");
        var app = groups.get(9).path("labels");
        assertThat(app.has("__infradash_name"))
                .as("display name equal to the id is not written")
                .isFalse();
        assertThat(app.has("__scheme__") || app.has("__metrics_path__") || app.has("role"))
                .isFalse();
    }

    @Test
    void addUpdateDeleteWorkOnTheCurrentListAndPreserveOrder() throws Exception {
        String v1 = store.add(server("a", "10.0.0.1", 9100), Versioned.NO_FILE, ALICE);
        String v2 = store.add(server("b", "10.0.0.2", 9100), v1, ALICE);
        String v3 = store.add(server("c", "10.0.0.3", 9100), v2, ALICE);
        String v4 = store.update("b", server("b2", "10.0.0.2", 9101), v3, ALICE);
        assertThat(fixture.read()).extracting(ServerDefinition::id).containsExactly("a", "b2", "c");
        String v5 = store.delete("a", v4, ALICE);
        assertThat(fixture.read()).containsExactly(server("b2", "10.0.0.2", 9101), server("c", "10.0.0.3", 9100));
        assertThat(store.load().version()).isEqualTo(v5);

        ValidationException unknown =
                catchThrowableOfType(ValidationException.class, () -> store.delete("nope", v5, ALICE));
        assertThat(unknown.errors()).extracting(FieldError::field).containsExactly("id");
        ValidationException clash = catchThrowableOfType(
                ValidationException.class, () -> store.update("c", server("b2", "10.0.0.3", 9100), v5, ALICE));
        assertThat(clash.errors()).containsExactly(new FieldError("id", "\"b2\" is already used by another server"));
    }

    @Test
    void aSaveWithoutChangesWritesNothing() throws Exception {
        String v1 = store.add(server("a", "10.0.0.1", 9100), Versioned.NO_FILE, ALICE);
        long modified = Files.getLastModifiedTime(fixture.targets).toMillis();
        assertThat(store.save(store.load().value(), v1, ALICE)).isEqualTo(v1);
        assertThat(Files.getLastModifiedTime(fixture.targets).toMillis()).isEqualTo(modified);
        assertThat(fixture.audit.recent(10)).hasSize(1);
    }

    @Test
    void theSecondEditorOfTheSameVersionGetsAConflictAndTheFirstSaveIsKept() throws Exception {
        String v0 = store.add(server("a", "10.0.0.1", 9100), Versioned.NO_FILE, ALICE);
        Versioned<List<ServerDefinition>> first = store.load();
        Versioned<List<ServerDefinition>> second = store.load();

        List<ServerDefinition> firstEdit = new ArrayList<>(first.value());
        firstEdit.add(server("from-first", "10.0.0.2", 9100));
        store.save(firstEdit, first.version(), ALICE);
        byte[] afterFirst = fixture.bytes();

        List<ServerDefinition> secondEdit = new ArrayList<>(second.value());
        secondEdit.add(server("from-second", "10.0.0.3", 9100));
        TargetsChangedException conflict = catchThrowableOfType(
                TargetsChangedException.class,
                () -> store.save(secondEdit, second.version(), new Actor("bob", "192.0.2.11")));

        assertThat(conflict).hasMessageContaining("changed since you opened it");
        assertThat(conflict.expectedVersion()).isEqualTo(v0);
        assertThat(fixture.bytes()).isEqualTo(afterFirst);
        assertThat(fixture.read()).isEqualTo(firstEdit);
        assertThatThrownBy(() -> store.delete("a", v0, ALICE)).isInstanceOf(TargetsChangedException.class);
    }

    @Test
    void manyThreadsSavingWithFreshVersionsNeverCorruptTheFileOrLoseAnAdd() throws Exception {
        int threads = 8;
        int addsPerThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        List<String> versionsSeen = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < addsPerThread; i++) {
                    ServerDefinition mine = server("t" + thread + "-" + i, "10.1." + thread + "." + i, 9100);
                    while (true) { // retry on conflict, as an editor would after reloading
                        Versioned<List<ServerDefinition>> current = store.load();
                        try {
                            versionsSeen.add(store.add(mine, current.version(), ALICE));
                            break;
                        } catch (TargetsChangedException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<ServerDefinition> saved = fixture.read();
        assertThat(saved).hasSize(threads * addsPerThread).doesNotHaveDuplicates();
        assertThat(versionsSeen).doesNotHaveDuplicates();
        assertThat(fixture.strayFiles()).isEmpty();
        assertThat(fixture.audit.recent(1000)).hasSize(threads * addsPerThread);
        System.out.printf(
                "%d adds from %d threads, %d conflicts retried%n", threads * addsPerThread, threads, conflicts.get());
    }

    @Test
    void theRegistrySeesEverySaveEvenWithinOneMillisecondAndTheSameSize() throws Exception {
        TargetRegistry registry = new TargetRegistry(new TargetsProperties(fixture.targets), new ObjectMapper());
        // Without fsync a save takes microseconds: many land in the same clock tick of the file system.
        FileOperations noFsync = new FileOperations() {
            @Override
            public void force(FileChannel channel) {}

            @Override
            public void forceDirectory(Path dir) {}
        };
        TargetFileStore store = new TargetFileStore(
                fixture.targets,
                new TargetValidator(),
                new AuditLog(new DataProperties(fixture.dataDir), StoreFixture.JSON, noFsync),
                StoreFixture.JSON,
                java.time.Clock.systemUTC(),
                noFsync);
        String version = Versioned.NO_FILE;
        for (int i = 0; i < 500; i++) {
            // "a1"/"a2": every file has the same size; saves follow each other within microseconds
            String id = "a" + (i % 3 + 1);
            version = store.save(List.of(server(id, "10.0.0.1", 9100)), version, ALICE);
            if (i % 2 == 1) {
                // looked at every other save: the file then has the inode of two saves ago again
                assertThat(registry.current().targets().servers())
                        .as("save " + i)
                        .extracting(MonitoredServer::id)
                        .containsExactly(id);
            }
        }
    }

    /**
     * The guarantee behind the test above, independent of the kernel's timestamp granularity (on
     * a coarse-grained file system two saves in one tick get the same mtime, and the rename frees
     * the inode the next temp file may get): every save's mtime is above the previous file's.
     */
    @Test
    void everySaveGetsAStrictlyLaterModificationTimeEvenWithAStoppedClock() throws Exception {
        java.time.Clock stopped =
                java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        TargetFileStore store = new TargetFileStore(
                fixture.targets,
                new TargetValidator(),
                fixture.audit,
                StoreFixture.JSON,
                stopped,
                FileOperations.SYSTEM);
        String version = store.save(List.of(server("a1", "10.0.0.1", 9100)), Versioned.NO_FILE, ALICE);
        long previous = Files.getLastModifiedTime(fixture.targets).toMillis();
        assertThat(previous).isEqualTo(stopped.millis());
        for (int i = 0; i < 5; i++) {
            version = store.save(List.of(server("a" + (i % 2 + 2), "10.0.0.1", 9100)), version, ALICE);
            long modified = Files.getLastModifiedTime(fixture.targets).toMillis();
            assertThat(modified).isEqualTo(previous + 1);
            previous = modified;
        }
        // a file touched into the future by hand: still later than that
        Files.setLastModifiedTime(
                fixture.targets, java.nio.file.attribute.FileTime.fromMillis(stopped.millis() + 60_000));
        store.save(List.of(server("b", "10.0.0.1", 9100)), store.load().version(), ALICE);
        assertThat(Files.getLastModifiedTime(fixture.targets).toMillis()).isEqualTo(stopped.millis() + 60_001);
    }

    @Test
    void aFailingWriteForceOrMoveLeavesTheOldFileAndNoTempFile() throws Exception {
        store.add(server("a", "10.0.0.1", 9100), Versioned.NO_FILE, ALICE);
        byte[] before = fixture.bytes();
        String version = store.load().version();
        List<FileOperations> failures = List.of(
                new FileOperations() {
                    @Override
                    public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
                        channel.write(ByteBuffer.wrap(new byte[] {'[', ' '})); // half a file, then the disk is full
                        throw new IOException("No space left on device");
                    }
                },
                new FileOperations() {
                    @Override
                    public void force(FileChannel channel) throws IOException {
                        throw new IOException("Input/output error");
                    }
                },
                new FileOperations() {
                    @Override
                    public void move(Path source, Path target) throws IOException {
                        throw new java.nio.file.AccessDeniedException(target.toString(), null, "Read-only file system");
                    }
                });
        for (FileOperations failing : failures) {
            TargetFileStore broken = fixture.store(failing);
            TargetsWriteException failure = catchThrowableOfType(
                    TargetsWriteException.class, () -> broken.add(server("b", "10.0.0.2", 9100), version, ALICE));
            assertThat(failure)
                    .hasMessageStartingWith("could not write " + fixture.targets)
                    .hasMessageEndingWith("the file was not changed")
                    .hasMessageMatching(".*(No space left on device|Input/output error|Read-only file system).*");
            assertThat(fixture.bytes()).isEqualTo(before);
            assertThat(fixture.strayFiles()).isEmpty();
            assertThat(fixture.audit.recent(10)).hasSize(1);
        }
        assertThat(store.load().version()).isEqualTo(version);
    }

    @Test
    void anUnparseableFileIsOnlyOverwrittenWhenConfirmedAndIsKeptAsBackup() throws Exception {
        Files.createDirectories(fixture.targets.getParent());
        byte[] broken =
                "[{\"targets\": [\"10.0.0.1:9100\"], \"labels\": {\"server\": \"a\"".getBytes(StandardCharsets.UTF_8);
        Files.write(fixture.targets, broken);

        UnparseableTargetsException onLoad = catchThrowableOfType(UnparseableTargetsException.class, store::load);
        assertThat(onLoad.reason()).contains("is not valid JSON");
        assertThat(onLoad.getMessage()).contains("cannot be read").contains("administrator");

        List<ServerDefinition> replacement = List.of(server("b", "10.0.0.2", 9100));
        assertThatThrownBy(() -> store.save(replacement, onLoad.version(), ALICE))
                .isInstanceOf(UnparseableTargetsException.class);
        assertThatThrownBy(() -> store.add(replacement.get(0), onLoad.version(), ALICE))
                .isInstanceOf(UnparseableTargetsException.class);
        assertThatThrownBy(() -> store.save(replacement, "stale", ALICE, true))
                .as("the confirmation is for the broken file the admin saw")
                .isInstanceOf(TargetsChangedException.class);
        assertThat(fixture.bytes()).isEqualTo(broken);
        assertThat(fixture.strayFiles()).isEmpty();

        String version = store.save(replacement, onLoad.version(), ALICE, true);

        assertThat(fixture.read()).isEqualTo(replacement);
        assertThat(store.load().version()).isEqualTo(version);
        List<String> backups = fixture.strayFiles();
        assertThat(backups).singleElement().asString().startsWith("targets.json.broken-");
        assertThat(Files.readAllBytes(fixture.targets.resolveSibling(backups.get(0))))
                .isEqualTo(broken);
        AuditEntry entry = fixture.audit.recent(1).get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.OVERWRITE_UNPARSEABLE);
        assertThat(entry.after()).isEqualTo(replacement);
        assertThat(entry.note()).contains(backups.get(0));
    }

    @Test
    void aFileTheEditorCannotRepresentCountsAsUnparseable() throws Exception {
        Files.createDirectories(fixture.targets.getParent());
        Files.writeString(
                fixture.targets,
                "[{\"targets\": [\"example.com\"], \"labels\": {\"server\": \"a\", "
                        + "\"__infradash_exporter\": \"node\"}}]");
        assertThatThrownBy(store::load)
                .isInstanceOf(UnparseableTargetsException.class)
                .hasMessageContaining("server \"a\": target \"example.com\" is not host:port");
    }

    @Test
    void strayTempFilesOfAKilledSaveAreRemovedWhenTheStoreStarts() throws Exception {
        store.add(server("a", "10.0.0.1", 9100), Versioned.NO_FILE, ALICE);
        Path dirOfTargets = fixture.targets.getParent();
        Files.writeString(dirOfTargets.resolve(".targets.json.123456.tmp"), "[{\"targ");
        Files.writeString(dirOfTargets.resolve("unrelated.tmp"), "keep me");

        fixture.store();

        assertThat(fixture.strayFiles()).containsExactly("unrelated.tmp");
    }

    @Test
    void everyChangeIsAuditedWithBeforeAndAfterNewestFirst() throws Exception {
        ServerDefinition a = server("a", "10.0.0.1", 9100);
        ServerDefinition a2 = server("a", "10.0.0.1", 9200);
        ServerDefinition b = server("b", "10.0.0.2", 9100);
        String v = store.add(a, Versioned.NO_FILE, ALICE);
        v = store.update("a", a2, v, new Actor("bob", "192.0.2.11"));
        v = store.save(List.of(a2, b), v, ALICE);
        store.delete("a", v, ALICE);

        List<AuditEntry> entries = fixture.audit.recent(10);
        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactly(AuditAction.DELETE, AuditAction.REPLACE, AuditAction.UPDATE, AuditAction.ADD);
        assertThat(entries.get(0).before()).containsExactly(a2);
        assertThat(entries.get(0).after()).isEmpty();
        assertThat(entries.get(1).before()).isEmpty();
        assertThat(entries.get(1).after()).containsExactly(b);
        assertThat(entries.get(2).user()).isEqualTo("bob");
        assertThat(entries.get(2).clientAddress()).isEqualTo("192.0.2.11");
        assertThat(entries.get(2).before()).containsExactly(a);
        assertThat(entries.get(2).after()).containsExactly(a2);
        assertThat(entries.get(3).before()).isEmpty();
        assertThat(entries.get(3).after()).containsExactly(a);
        assertThat(fixture.audit.recent(2))
                .extracting(AuditEntry::action)
                .containsExactly(AuditAction.DELETE, AuditAction.REPLACE);
        assertThat(Files.readAllLines(fixture.audit.file()))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).startsWith("{\"time\":\"").contains("\"action\":\""));
    }
}
