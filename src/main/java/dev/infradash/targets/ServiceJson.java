package dev.infradash.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The REST API's service check shape, {@code {"name", "kind", "target", "keyword",
 * "acceptSelfSigned", "dnsQuery", "expectStatus"}}, read field by field like {@link ServerJson} so every wrong
 * type is named by its path ({@code services[0].kind}).
 */
final class ServiceJson {

    private static final Set<String> FIELDS =
            Set.of("name", "kind", "target", "keyword", "acceptSelfSigned", "dnsQuery", "expectStatus");

    private ServiceJson() {}

    /** @param expectStatus http checks only (2xx, 2xx-3xx, 2xx-4xx); left out for other kinds */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Service(
            String name,
            String kind,
            String target,
            String keyword,
            boolean acceptSelfSigned,
            String dnsQuery,
            @Nullable String expectStatus) {

        static Service of(ServiceCheck check) {
            return new Service(
                    check.name(),
                    check.kind().label(),
                    check.target(),
                    check.keyword(),
                    check.acceptSelfSigned(),
                    check.dnsQuery(),
                    check.kind() == ServiceKind.HTTP ? check.expectStatus().label() : null);
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
            // absent keeps 2xx, what every check had before status ranges
            String statusText = ServerJson.text(check, "expectStatus", prefix, errors);
            ExpectedStatus status = statusText == null
                    ? ExpectedStatus.SUCCESS
                    : ExpectedStatus.fromLabel(statusText.strip()).orElse(null);
            if (status == null) {
                errors.add(new FieldError(
                        prefix + "expectStatus",
                        "must be " + ExpectedStatus.choices() + " (2xx-3xx: a redirect counts as up; 2xx-4xx: any"
                                + " answer below 500, e.g. 401/403 of a login-protected endpoint)"));
                status = ExpectedStatus.SUCCESS;
            }
            services.add(new ServiceCheck(
                    ServerJson.text(check, "name", prefix, errors),
                    kind,
                    ServerJson.text(check, "target", prefix, errors),
                    ServerJson.text(check, "keyword", prefix, errors),
                    insecure,
                    ServerJson.text(check, "dnsQuery", prefix, errors),
                    status));
        }
        return services;
    }
}
