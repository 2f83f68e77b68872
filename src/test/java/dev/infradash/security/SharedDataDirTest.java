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
}
