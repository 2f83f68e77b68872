package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Infradash instances on one data directory (issue 16, two replicas), stood in for by two
 * sets of stores on one directory: the stores keep no JVM-wide state, and each change here runs
 * after the other finished, so the cross-process file lock is never contended (ReplicasIT runs
 * two real processes).
 */
class SharedDataDirTest {

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void aUserMadeOrDeletedOnOneInstanceIsSeenByTheOther() {
        TestUsers.Services a = TestUsers.create(dataDir);
        a.users().create("admin", "admins-long-password", Role.ADMIN);
        UserStore b = new UserStore(dataDir, json);
        assertThat(b.find("bob")).isEmpty();

        a.users().create("bob", "bobs-long-password", Role.VIEWER);
        assertThat(b.find("bob")).as("created on A").isPresent();

        a.users().delete("bob");
        assertThat(b.find("bob"))
                .as("deleted on A: B's logins and live roles refuse bob")
                .isEmpty();
    }

    @Test
    void changesOnBothInstancesAreMergedNotOverwritten() {
        UserService a = TestUsers.service(dataDir);
        UserService b = TestUsers.service(dataDir); // both read the (empty) file before either writes
        a.create("alice", "alices-long-password", Role.ADMIN);
        b.create("bob", "bobs-long-password", Role.VIEWER);
        assertThat(new UserStore(dataDir, json).all())
                .extracting(StoredUser::username)
                .containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void aUserRevokedOnAnotherInstanceIsReportedSoTheirSessionsEndHere() {
        UserService a = TestUsers.service(dataDir);
        a.create("admin", "admins-long-password", Role.ADMIN);
        a.create("bob", "bobs-long-password", Role.ADMIN);
        a.create("carol", "carols-long-password", Role.VIEWER);
        a.create("dave", "daves-long-password", Role.VIEWER);
        List<Set<String>> reported = new CopyOnWriteArrayList<>();
        UserStore b = new UserStore(dataDir, json, reported::add);

        a.changeRole("bob", Role.VIEWER);
        a.resetPassword("carol", "carols-new-long-password");
        a.delete("dave");
        a.create("erin", "erins-long-password", Role.VIEWER); // a new user revokes nobody
        b.refresh();

        assertThat(reported).containsExactly(Set.of("bob", "carol", "dave"));
        b.refresh();
        assertThat(reported).as("reported once").hasSize(1);
    }

    @Test
    void theWatchReportsARevocationWithinOneIntervalWithoutAnyRequest() {
        UserService a = TestUsers.service(dataDir);
        a.create("admin", "admins-long-password", Role.ADMIN);
        a.create("bob", "bobs-long-password", Role.VIEWER);
        List<Set<String>> reported = new CopyOnWriteArrayList<>();
        UserFileWatch watch = new UserFileWatch(new UserStore(dataDir, json, reported::add), Duration.ofMillis(100));
        watch.start();
        try {
            a.delete("bob");
            await().atMost(Duration.ofSeconds(5)).until(() -> reported.contains(Set.of("bob")));
        } finally {
            watch.stop();
        }
    }

    @Test
    void aTokenMadeOnOneInstanceWorksOnTheOtherUntilItIsRevokedThere() {
        TestUsers.Services a = TestUsers.create(dataDir);
        TestUsers.Services b = TestUsers.create(dataDir);
        a.users().create("admin", "admins-long-password", Role.ADMIN);
        a.users().create("bob", "bobs-long-password", Role.VIEWER);

        ApiTokenService.Created token = a.tokens().create("bob", "script", ApiToken.Scope.READ, null);
        assertThat(b.tokens().authenticate(token.secret()))
                .as("made on A, used on B")
                .isPresent();

        ApiTokenService.Created other = b.tokens().create("bob", "cron", ApiToken.Scope.READ, null);
        assertThat(a.tokens().list())
                .as("B's token did not overwrite A's")
                .extracting(ApiToken.Summary::name)
                .containsExactlyInAnyOrder("script", "cron");

        assertThat(a.tokens().revoke(token.token().id())).isPresent();
        assertThat(b.tokens().authenticate(token.secret())).as("revoked on A").isEmpty();
        assertThat(b.tokens().authenticate(other.secret())).isPresent();
    }

    /**
     * Review S1: a token can outlive its owner (B's create passed its owner check just before A
     * deleted the owner, or the tokens write after a delete failed). It must stay dead when a new
     * user gets the old name, or it would act for another person, perhaps with admin rights.
     */
    @Test
    void aTokenThatOutlivedItsOwnerDoesNotWorkForANewUserOfTheSameName() {
        TestUsers.Services a = TestUsers.create(dataDir);
        a.users().create("admin", "admins-long-password", Role.ADMIN);
        a.users().create("bob", "bobs-long-password", Role.ADMIN);
        ApiTokenService.Created created = a.tokens().create("bob", "script", ApiToken.Scope.ADMIN, null);
        ApiTokenStore store = new ApiTokenStore(dataDir, json);
        ApiToken orphan = store.find(created.token().id()).orElseThrow();

        a.users().delete("bob");
        store.update(
                all -> { // what B's create writes after its owner check passed
                    all.put(orphan.id(), orphan);
                    return all;
                });
        assertThat(a.tokens().authenticate(created.secret())).as("no bob").isEmpty();

        a.users().create("bob", "another-bobs-long-password", Role.ADMIN);
        assertThat(a.tokens().authenticate(created.secret()))
                .as("the old bob's token, presented after a new bob was created")
                .isEmpty();
        ApiTokenService.Created fresh = a.tokens().create("bob", "new", ApiToken.Scope.READ, null);
        assertThat(a.tokens().authenticate(fresh.secret()))
                .as("the new bob's own token")
                .isPresent();
    }

    /** Files written before users and tokens had ids keep working: the ids are derived from the names. */
    @Test
    void usersAndTokensStoredBeforeIdsExistedStillWork() throws Exception {
        String secret = "A".repeat(43);
        java.nio.file.Files.writeString(dataDir.resolve(UserStore.FILE_NAME), """
                {"users":[{"username":"admin","role":"ADMIN","passwordHash":"{bcrypt}$2a$04$x"}]}
                """);
        java.nio.file.Files.writeString(
                dataDir.resolve(ApiTokenStore.FILE_NAME), """
                {"tokens":[{"id":"abcdefabcdef","name":"old","owner":"admin","scope":"ADMIN",
                  "createdAt":"2026-01-01T00:00:00Z","secretSha256":"%s"}]}
                """.formatted(ApiTokenService.sha256(secret)));
        TestUsers.Services a = TestUsers.create(dataDir);
        assertThat(a.tokens().authenticate("idt_abcdefabcdef_" + secret)).isPresent();

        a.users().create("bob", "bobs-long-password", Role.VIEWER); // rewrites users.json with ids
        assertThat(a.tokens().authenticate("idt_abcdefabcdef_" + secret))
                .as("after users.json was rewritten")
                .isPresent();
    }

    /**
     * Review S4: deleting a user removes their tokens as the file has them under the lock, also
     * one another instance created a moment before; every token removed gets its own
     * token-revoke record, none is removed unaudited.
     */
    @Test
    void everyTokenRemovedWithItsOwnerIsAuditedAlsoOneAnotherInstanceJustMade() throws Exception {
        ApiTokenStore other = new ApiTokenStore(dataDir, json);
        java.util.concurrent.atomic.AtomicReference<ApiToken> madeElsewhere =
                new java.util.concurrent.atomic.AtomicReference<>();
        ApiTokenStore racing = new ApiTokenStore(dataDir, json) {
            @Override
            void update(java.util.function.UnaryOperator<java.util.Map<String, ApiToken>> change) {
                ApiToken token = madeElsewhere.getAndSet(null);
                if (token != null) { // another instance writes just before this one takes the lock
                    other.update(all -> {
                        all.put(token.id(), token);
                        return all;
                    });
                }
                super.update(change);
            }
        };
        TestUsers.Services a = TestUsers.create(dataDir, racing);
        a.users().create("admin", "admins-long-password", Role.ADMIN);
        a.users().create("bob", "bobs-long-password", Role.VIEWER);
        ApiTokenService.Created first = a.tokens().create("bob", "first", ApiToken.Scope.READ, null);
        ApiToken stored = other.find(first.token().id()).orElseThrow();
        madeElsewhere.set(new ApiToken(
                "secondtoken1",
                "second",
                "bob",
                stored.ownerId(),
                ApiToken.Scope.READ,
                stored.createdAt(),
                null,
                null,
                stored.secretSha256()));

        a.users().delete("bob");

        assertThat(other.all()).as("both of bob's tokens removed").isEmpty();
        List<String> revoked = java.nio.file.Files.readAllLines(dataDir.resolve("audit.jsonl")).stream()
                .filter(line -> line.contains("token-revoke"))
                .toList();
        assertThat(revoked).hasSize(2);
        assertThat(revoked)
                .anySatisfy(line ->
                        assertThat(line).contains("token:" + first.token().id()));
        assertThat(revoked).anySatisfy(line -> assertThat(line).contains("token:secondtoken1"));
    }
}
