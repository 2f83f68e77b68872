package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infradash.audit.AuditRecord;
import dev.infradash.audit.AuditTrail;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Security review: user changes were not audited, only the target list. Every user and token
 * change is now a record with who, from where and before/after, and no secret reaches the file.
 */
class AccountAuditTest extends SecuredApp {

    @Autowired
    AuditTrail trail;

    @Autowired
    ApiTokenService tokens;

    @Test
    void userAndTokenChangesAreAuditedWithoutSecrets() throws Exception {
        String[] secret = new String[1];
        asUser("admin", Role.ADMIN, () -> {
            users.create("audited", "audited-password-1", Role.VIEWER);
            users.changeRole("audited", Role.ADMIN);
            users.resetPassword("audited", "audited-password-2");
            secret[0] = tokens.create("audited", "audited-script", ApiToken.Scope.READ, null)
                    .secret();
            users.delete("audited");
        });

        List<AuditRecord> records = trail.recent(
                20,
                record -> record.subject().equals("user:audited")
                        || record.subject().startsWith("token:"));
        assertThat(records)
                .extracting(AuditRecord::action)
                .containsSubsequence(
                        "token-revoke",
                        "user-delete",
                        "token-create",
                        "user-password-reset",
                        "user-role",
                        "user-create");
        AuditRecord role = records.stream()
                .filter(r -> r.action().equals("user-role"))
                .findFirst()
                .orElseThrow();
        assertThat(role.user()).isEqualTo("admin");
        assertThat(role.before().path("role").asText()).isEqualTo("VIEWER");
        assertThat(role.after().path("role").asText()).isEqualTo("ADMIN");

        String file = Files.readString(trail.file());
        assertThat(file)
                .doesNotContain("audited-password-1")
                .doesNotContain("audited-password-2")
                .doesNotContain(secret[0].substring(17))
                .doesNotContain("secretSha256")
                .doesNotContain("$2a$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(trail.file())))
                .isEqualTo("rw-------");
    }
}
