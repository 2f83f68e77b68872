package dev.infradash.targets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A service check as a file_sd target group: the target is what blackbox_exporter probes (the
 * scrape job moves it to the {@code target} URL parameter), the labels carry the check.
 */
final class ServiceGroups {

    private ServiceGroups() {}

    /** Adds the check's own labels to a group that already carries its server's labels. */
    static void write(ServiceCheck check, ObjectNode labels) {
        labels.put(TargetFile.EXPORTER_LABEL, ServiceLabels.MARKER);
        labels.put(ServiceLabels.SERVICE, check.name());
        labels.put(ServiceLabels.KIND, check.kind().label());
        labels.put(ServiceLabels.MODULE, check.module());
        if (!check.keyword().isEmpty()) {
            labels.put(ServiceLabels.KEYWORD, check.keyword());
        }
        if (!check.dnsQuery().isEmpty()) {
            labels.put(ServiceLabels.DNS_QUERY, check.dnsQuery());
        }
    }

    /** Whether a group's labels make it a service check rather than an exporter. */
    static boolean isService(Map<String, String> labels) {
        return ServiceLabels.MARKER.equals(labels.get(TargetFile.EXPORTER_LABEL));
    }

    /** Whether a label belongs to the check rather than its server (so it is no extra server label). */
    static boolean isCheckLabel(String name) {
        return name.equals(ServiceLabels.SERVICE) || name.equals(ServiceLabels.KIND);
    }

    static ServiceCheck read(Map<String, String> labels, List<String> targets, String where)
            throws InvalidTargetFileException {
        String name = labels.getOrDefault(ServiceLabels.SERVICE, "");
        if (name.isBlank()) {
            throw new InvalidTargetFileException(where + " is a service check without a \"service\" label");
        }
        String check = where + " (service " + TargetValidator.abbreviate(name) + ")";
        ServiceKind kind = ServiceKind.fromLabel(labels.getOrDefault(ServiceLabels.KIND, ""))
                .orElseThrow(() -> new InvalidTargetFileException(
                        check + " needs label \"" + ServiceLabels.KIND + "\" set to http, tcp, icmp or dns"));
        if (targets.size() != 1) {
            throw new InvalidTargetFileException(check + " must have exactly one target");
        }
        String module = labels.getOrDefault(ServiceLabels.MODULE, "");
        if (ServiceModules.kindOf(module).filter(k -> k == kind).isEmpty()) {
            throw new InvalidTargetFileException(check + ": module \"" + TargetValidator.abbreviate(module)
                    + "\" is not one of the shipped modules for " + kind.label() + " checks");
        }
        return new ServiceCheck(
                name,
                kind,
                targets.get(0),
                labels.getOrDefault(ServiceLabels.KEYWORD, ""),
                ServiceModules.insecure(module),
                labels.getOrDefault(ServiceLabels.DNS_QUERY, ""),
                ServiceModules.expectedStatus(module));
    }
}
