package dev.infradash.targets;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules one server obeys on its own, by field; {@link TargetValidator} adds the rules across
 * the list (unique ids and exporters). Values are never echoed in full.
 */
final class ServerRules {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9 ._-]*");
    private static final String URL_PATH_CHARACTERS = "/-._~!$&'()*+,;=:@%";
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Set by the file's own conventions or by Prometheus for every target. */
    private static final Set<String> RESERVED_LABELS =
            Set.of("server", "role", "job", "instance", ServiceLabels.SERVICE, ServiceLabels.KIND);

    private ServerRules() {}

    static void check(ServerDefinition server, String prefix, List<FieldError> errors) {
        check(errors, prefix + "id", server.id(), TargetValidator.MAX_ID_LENGTH, id -> {
            if (id.isEmpty()) {
                return "is required";
            }
            if (ID.matcher(id).matches()) {
                return null;
            }
            String invisible = TextRules.invisibleCharacter(id);
            return (invisible != null ? invisible + "; it " : "")
                    + "must be 1-63 lower-case letters, digits and '-', starting with a letter or digit (e.g. web-1)";
        });
        check(errors, prefix + "displayName", server.displayName(), TargetValidator.MAX_DISPLAY_NAME_LENGTH, name -> {
            if (name.isBlank()) {
                return "is required";
            }
            String problem = TextRules.invisibleCharacter(name);
            if (problem == null) {
                problem = TextRules.queryBreakingCharacter(name);
            }
            if (problem == null && !name.strip().equals(name)) {
                problem = "must not start or end with a space";
            }
            return problem;
        });
        check(
                errors,
                prefix + "role",
                server.role(),
                TargetValidator.MAX_ROLE_LENGTH,
                role -> ROLE.matcher(role).matches()
                        ? null
                        : "may contain only letters, digits, spaces, '.', '_' and '-'"
                                + (TextRules.invisibleCharacter(role) != null
                                        ? " (" + TextRules.invisibleCharacter(role) + ")"
                                        : ""));
        validateExporters(server.exporters(), !server.services().isEmpty(), prefix, errors);
        ServiceRules.check(server.services(), prefix, errors);
        validateLabels(server.extraLabels(), prefix, errors);
    }

    private static void validateExporters(
            List<ExporterDefinition> exporters, boolean hasServices, String prefix, List<FieldError> errors) {
        if (exporters.isEmpty()) {
            if (!hasServices) {
                errors.add(new FieldError(prefix + "exporters", "needs at least one exporter or service check"));
            }
            return;
        }
        if (exporters.size() > TargetValidator.MAX_EXPORTERS) {
            errors.add(new FieldError(
                    prefix + "exporters",
                    "has " + exporters.size() + " exporters; at most " + TargetValidator.MAX_EXPORTERS + " allowed"));
            return;
        }
        for (int i = 0; i < exporters.size(); i++) {
            String field = prefix + "exporters[" + i + "]";
            ExporterDefinition exporter = exporters.get(i);
            if (exporter == null) {
                errors.add(new FieldError(field, "is required"));
                continue;
            }
            if (exporter.kind() == null) {
                errors.add(new FieldError(field + ".kind", "is required: node, gpu or other"));
            }
            check(errors, field + ".host", exporter.host(), TargetValidator.MAX_HOST_LENGTH, HostRules::problem);
            String port = TargetValidator.portProblem(exporter.port());
            if (port != null) {
                errors.add(new FieldError(field + ".port", port));
            }
            check(
                    errors,
                    field + ".scheme",
                    exporter.scheme(),
                    TargetValidator.MAX_SCHEME_LENGTH,
                    scheme -> scheme.equals("http") || scheme.equals("https") ? null : "must be http or https");
            check(
                    errors,
                    field + ".metricsPath",
                    exporter.metricsPath(),
                    TargetValidator.MAX_METRICS_PATH_LENGTH,
                    ServerRules::pathProblem);
        }
    }

    /** RFC 3986 path characters only: anything else Prometheus would have to escape, so it is a typo. */
    private static @Nullable String pathProblem(String path) {
        if (!path.startsWith("/")) {
            return "must start with '/', e.g. /metrics";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return "must not contain '" + c + "' (query parameters and fragments are not part of the path)";
            }
            if (!TextRules.isPrintableAsciiWithoutSpace(c)
                    || URL_PATH_CHARACTERS.indexOf(c) < 0 && !Character.isLetterOrDigit(c)) {
                return "may contain only letters, digits and the URL path characters " + URL_PATH_CHARACTERS
                        + " (no spaces; position " + (i + 1) + ")";
            }
        }
        return null;
    }

    private static void validateLabels(Map<String, String> labels, String prefix, List<FieldError> errors) {
        if (labels.size() > TargetValidator.MAX_EXTRA_LABELS) {
            errors.add(new FieldError(
                    prefix + "extraLabels",
                    "has " + labels.size() + " labels; at most " + TargetValidator.MAX_EXTRA_LABELS + " allowed"));
            return;
        }
        int i = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String field = prefix + "extraLabels[" + i++ + "]";
            String name = label.getKey();
            boolean nameValid = check(errors, field + ".name", name, TargetValidator.MAX_LABEL_NAME_LENGTH, n -> {
                if (!LABEL_NAME.matcher(n).matches()) {
                    return "must be a Prometheus label name: letters, digits and '_', not starting with a digit";
                }
                if (n.startsWith("__")) {
                    return "must not start with \"__\" (reserved for Prometheus and Infradash)";
                }
                if (RESERVED_LABELS.contains(n)) {
                    return "\"" + n
                            + "\" is reserved: server, role, job, instance, service and service_kind are set by"
                            + " Infradash and Prometheus";
                }
                return null;
            });
            String subject = nameValid ? "the value of \"" + name + "\" " : "";
            check(errors, field + ".value", label.getValue(), TargetValidator.MAX_LABEL_VALUE_LENGTH, value -> {
                if (value.isEmpty()) {
                    return subject + "must not be empty (Prometheus drops labels with empty values)";
                }
                String problem = TextRules.invisibleCharacter(value);
                if (problem == null) {
                    problem = TextRules.queryBreakingCharacter(value);
                }
                return problem == null ? null : subject + problem;
            });
        }
    }

    /** Checks presence and length first, so a rule never runs on (or quotes) a 10 KB string. */
    private static boolean check(
            List<FieldError> errors, String field, String value, int maxLength, Function<String, String> rule) {
        String problem;
        if (value == null) {
            problem = "is required";
        } else if (value.length() > maxLength) {
            problem = TargetValidator.tooLong(value, maxLength);
        } else {
            problem = rule.apply(value);
        }
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return false;
        }
        return true;
    }
}
