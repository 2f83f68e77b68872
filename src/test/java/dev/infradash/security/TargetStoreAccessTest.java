package dev.infradash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infradash.targets.Actor;
import dev.infradash.targets.ExporterDefinition;
import dev.infradash.targets.ExporterKind;
import dev.infradash.targets.ServerDefinition;
import dev.infradash.targets.TargetFileStore;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/** The targets store itself refuses anyone but an admin, whatever path calls it (not just the view). */
class TargetStoreAccessTest extends SecuredApp {

    @Autowired
    TargetFileStore store;

    private static final ServerDefinition WEB = new ServerDefinition(
            "web-1", "Web", "web", List.of(new ExporterDefinition(ExporterKind.NODE, "127.0.0.1", 9100)));

    @Test
    void aViewerCannotReadOrWriteTheTargetsThroughTheStore() throws Exception {
        java.nio.file.Path[] file = new java.nio.file.Path[1];
        asUser("admin", Role.ADMIN, () -> file[0] = store.file());
        byte[] before = Files.exists(file[0]) ? Files.readAllBytes(file[0]) : null;
        asUser("viewer", Role.VIEWER, () -> {
            assertThatThrownBy(() -> store.load()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> store.add(WEB, "no-file", new Actor("viewer", "127.0.0.1")))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> store.delete("web-1", "no-file", new Actor("viewer", "127.0.0.1")))
                    .isInstanceOf(AccessDeniedException.class);
        });
        assertThatThrownBy(() -> store.save(List.of(WEB), "no-file", new Actor("anonymous", "127.0.0.1")))
                .as("no authentication at all")
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(Files.exists(file[0]) ? Files.readAllBytes(file[0]) : null).isEqualTo(before);
    }

    @Test
    void anAdminCan() {
        asUser("admin", Role.ADMIN, () -> {
            String version = store.load().version();
            String saved = store.add(
                    new ServerDefinition(
                            "admin-added",
                            "A",
                            "",
                            List.of(new ExporterDefinition(ExporterKind.NODE, "127.0.0.1", 9200))),
                    version,
                    new Actor("admin", "127.0.0.1"));
            assertThat(saved).isNotEqualTo(version);
            assertThat(store.load().value()).extracting(ServerDefinition::id).contains("admin-added");
            store.delete("admin-added", saved, new Actor("admin", "127.0.0.1"));
        });
    }
}
