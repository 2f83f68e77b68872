package dev.infradash.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The REST API's service check shape, {@code {"name", "kind", "target", "keyword",
 * "acceptSelfSigned", "dnsQuery"}}, read field by field like {@link ServerJson} so every wrong
 * type is named by its path ({@code services[0].kind}).
 */
final class ServiceJson {

    private static final Set<String> FIELDS =
            Set.of("name", "kind", "target", "keyword", "acceptSelfSigned", "dnsQuery");

    private ServiceJson() {}

    record Service(String name, String kind, String target, String keyword, boolean acceptSelfSigned, String dnsQuery) {

        static Service of(ServiceCheck check) {
            return new Service(
                    check.name(),
                    check.kind().label(),
                    check.target(),
                    check.keyword(),
                    check.acceptSelfSigned(),
                    check.dnsQuery());
        }
    }

    @SuppressWarnings("NullAway") // a missing kind, name or target goes to the validator, which names the field
    static List<ServiceCheck> read(JsonNode node, List<FieldError> errors) {
        List<ServiceCheck> services = new ArrayList<>();
        if (node == null || node.isNull()) {
            return services;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("services", "must be a JSON array of service checks"));
            return services;
        }
        for (int i = 0; i < node.size(); i++) {
            String prefix = "services[" + i + "].";
            JsonNode check = node.get(i);
            if (!check.isObject()) {
                errors.add(new FieldError("services[" + i + "]", "must be a JSON object"));
                continue;
            }
            ServerJson.unknownFields(check, FIELDS, prefix, errors);
            String kindText = ServerJson.text(check, "kind", prefix, errors);
            ServiceKind kind =
                    kindText == null ? null : ServiceKind.fromLabel(kindText).orElse(null);
            if (kindText != null && kind == null) {
                errors.add(new FieldError(prefix + "kind", "must be http, tcp, icmp or dns"));
            }
            boolean insecure = false;
            JsonNode flag = check.get("acceptSelfSigned");
            if (flag != null && !flag.isNull()) {
                if (flag.isBoolean()) {
                    insecure = flag.booleanValue();
                } else {
                    errors.add(new FieldError(prefix + "acceptSelfSigned", "must be true or false"));
                }
            }
            services.add(new ServiceCheck(
                    ServerJson.text(check, "name", prefix, errors),
                    kind,
                    ServerJson.text(check, "target", prefix, errors),
                    ServerJson.text(check, "keyword", prefix, errors),
                    insecure,
                    ServerJson.text(check, "dnsQuery", prefix, errors)));
        }
        return services;
    }
}
