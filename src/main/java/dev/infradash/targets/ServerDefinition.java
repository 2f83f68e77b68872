package dev.infradash.targets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server as the settings view edits it; {@link TargetFileStore} turns it into one file_sd
 * target group per exporter. Nothing is checked here: {@link TargetValidator} reports every
 * problem by field, which a constructor that throws on the first one could not. The collector's
 * read-only counterpart is {@link MonitoredServer}; both come from one read of the file
 * ({@link TargetFile#load}).
 *
 * @param id          the {@code server} label; lands on every scraped series
 * @param displayName shown on the card; stored as {@code __infradash_name} only when it differs from the id
 * @param role        the {@code role} label; may be empty
 * @param extraLabels further target labels, in the order the user gave them
 * @param services    its service checks (probed by blackbox_exporter); a server may have checks
 *                    and no exporter (a router, a NAS with only a web UI)
 */
public record ServerDefinition(
        String id,
        String displayName,
        String role,
        List<ExporterDefinition> exporters,
        Map<String, String> extraLabels,
        List<ServiceCheck> services) {

    public ServerDefinition {
        role = role == null ? "" : role;
        // Copies that keep nulls, so the validator can name them instead of an NPE here.
        exporters = exporters == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(exporters));
        extraLabels = extraLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraLabels));
        services = services == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(services));
    }

    /** A server without service checks. */
    public ServerDefinition(
            String id,
            String displayName,
            String role,
            List<ExporterDefinition> exporters,
            Map<String, String> extraLabels) {
        this(id, displayName, role, exporters, extraLabels, List.of());
    }

    public ServerDefinition(String id, String displayName, String role, List<ExporterDefinition> exporters) {
        this(id, displayName, role, exporters, Map.of());
    }
}
