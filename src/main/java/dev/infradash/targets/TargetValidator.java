package dev.infradash.targets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules every saved server list obeys. Every rejection names the field and says why; values
 * are never echoed in full (a 10 KB paste would flood the form and the log).
 */
@Component
public class TargetValidator {

    static final int MAX_SERVERS = 1000;
    static final int MAX_EXPORTERS = 32;
    static final int MAX_EXTRA_LABELS = 32;
    static final int MAX_ID_LENGTH = 63;
    static final int MAX_DISPLAY_NAME_LENGTH = 100;
    static final int MAX_ROLE_LENGTH = 63;
    static final int MAX_HOST_LENGTH = 253;
    static final int MAX_SCHEME_LENGTH = 5;
    static final int MAX_METRICS_PATH_LENGTH = 255;
    static final int MAX_LABEL_NAME_LENGTH = 128;
    static final int MAX_LABEL_VALUE_LENGTH = 1024;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9 ._-]*");
    private static final String URL_PATH_CHARACTERS = "/-._~!$&'()*+,;=:@%";
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Set by the file's own conventions or by Prometheus for every target. */
    private static final Set<String> RESERVED_LABELS = Set.of("server", "role", "job", "instance");

    /** Checks a whole list, as {@link TargetFileStore#save} writes it; fields are {@code servers[i]....}. */
    public List<FieldError> validate(List<ServerDefinition> servers) {
        return validate(servers, -1);
    }

    /**
     * Checks a whole list in which the server at {@code focus} is the one being added or updated:
     * its fields are reported without the {@code servers[i].} prefix, so a form for one server can
     * show them next to its inputs.
     */
    public List<FieldError> validate(List<ServerDefinition> servers, int focus) {
        List<FieldError> errors = new ArrayList<>();
        if (servers == null) {
            errors.add(new FieldError("servers", "is required"));
            return errors;
        }
        if (servers.size() > MAX_SERVERS) {
            errors.add(new FieldError("servers", "has " + servers.size() + " servers; at most " + MAX_SERVERS + " allowed"));
            return errors;
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            String prefix = i == focus ? "" : "servers[" + i + "].";
            ServerDefinition server = servers.get(i);
            if (server == null) {
                errors.add(new FieldError(prefix.isEmpty() ? "server" : prefix.substring(0, prefix.length() - 1), "is required"));
                continue;
            }
            int before = errors.size();
            validateServer(server, prefix, errors);
            boolean idValid = errors.stream().skip(before).noneMatch(e -> e.field().equals(prefix + "id"));
            if (idValid) {
                Integer first = ids.putIfAbsent(server.id(), i);
                if (first != null) {
                    errors.add(new FieldError(prefix + "id", "\"" + server.id() + "\" is already used by "
                            + (first == focus ? "the server being edited" : "servers[" + first + "]")));
                }
            }
            for (int e = 0; e < server.exporters().size(); e++) {
                ExporterDefinition exporter = server.exporters().get(e);
                String field = prefix + "exporters[" + e + "]";
                boolean valid = exporter != null && errors.stream().skip(before)
                        .noneMatch(error -> error.field().equals(field + ".host") || error.field().equals(field + ".port"));
                if (valid) {
                    String key = HostRules.canonical(exporter.host()) + ":" + exporter.port();
                    String where = "exporters[" + e + "] of " + serverLabel(server, i, focus);
                    String first = addresses.putIfAbsent(key, where);
                    if (first != null) {
                        errors.add(new FieldError(field + ".host", exporter.host() + ":" + exporter.port()
                                + " is already declared (" + first + "): an exporter may appear only once"));
                    }
                }
            }
        }
        return errors;
    }

    /**
     * Checks the server at {@code focus}, which is being added or updated, against the rest of
     * the list: its own rules, and that its id and exporters are not already taken. The other
     * servers are not judged, so one hand-edited entry that breaks a rule does not block every
     * other change (security review: "the settings editor blocks itself"); {@link #problems} lists
     * those. Fields have no prefix; a clash names the other server.
     */
    public List<FieldError> validateChange(List<ServerDefinition> servers, int focus) {
        List<FieldError> errors = new ArrayList<>();
        if (servers.size() > MAX_SERVERS) {
            errors.add(new FieldError("servers", "has " + servers.size() + " servers; at most " + MAX_SERVERS + " allowed"));
            return errors;
        }
        ServerDefinition server = servers.get(focus);
        if (server == null) {
            errors.add(new FieldError("server", "is required"));
            return errors;
        }
        validateServer(server, "", errors);
        boolean idValid = errors.stream().noneMatch(e -> e.field().equals("id"));
        for (int i = 0; i < servers.size(); i++) {
            ServerDefinition other = servers.get(i);
            if (i == focus || other == null) {
                continue;
            }
            if (idValid && server.id().equals(other.id())) {
                errors.add(new FieldError("id", "\"" + server.id() + "\" is already used by servers[" + i + "]"));
            }
        }
        for (int e = 0; e < server.exporters().size(); e++) {
            ExporterDefinition exporter = server.exporters().get(e);
            String field = "exporters[" + e + "]";
            boolean valid = exporter != null && errors.stream()
                    .noneMatch(error -> error.field().equals(field + ".host") || error.field().equals(field + ".port"));
            if (!valid) {
                continue;
            }
            String clash = clash(exporter, server.exporters().subList(0, e), "this server");
            for (int i = 0; clash == null && i < servers.size(); i++) {
                ServerDefinition other = servers.get(i);
                if (i != focus && other != null) {
                    clash = clash(exporter, other.exporters(), "server \"" + abbreviate(other.id()) + "\"");
                }
            }
            if (clash != null) {
                errors.add(new FieldError(field + ".host", exporter.host() + ":" + exporter.port()
                        + " is already declared (" + clash + "): an exporter may appear only once"));
            }
        }
        return errors;
    }

    private static String clash(ExporterDefinition exporter, List<ExporterDefinition> others, String owner) {
        String key = HostRules.canonical(exporter.host()) + ":" + exporter.port();
        for (int i = 0; i < others.size(); i++) {
            ExporterDefinition other = others.get(i);
            if (other != null && other.host() != null && other.host().length() <= MAX_HOST_LENGTH
                    && key.equals(HostRules.canonical(other.host()) + ":" + other.port())) {
                return "exporters[" + i + "] of " + owner;
            }
        }
        return null;
    }

    /**
     * The rules the servers of a file as it is already break, by server: what a hand edit got
     * wrong, so the settings view can name the faulty server and offer to fix or delete it.
     * Fields have no prefix; a clash between two servers is reported on the later one.
     */
    public List<ServerProblem> problems(List<ServerDefinition> servers) {
        List<ServerProblem> problems = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            ServerDefinition server = servers.get(i);
            if (server == null) {
                continue;
            }
            List<ServerDefinition> upToHere = servers.subList(0, i + 1);
            for (FieldError error : validateChange(upToHere, i)) {
                problems.add(new ServerProblem(i, server.id(), error));
            }
        }
        return problems;
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 40 ? String.valueOf(text) : text.substring(0, 40) + "…";
    }

    /** Checks one server on its own (no uniqueness across the list); fields have no prefix. */
    public List<FieldError> validateServer(ServerDefinition server) {
        List<FieldError> errors = new ArrayList<>();
        validateServer(server, "", errors);
        return errors;
    }

    private static String serverLabel(ServerDefinition server, int index, int focus) {
        return index == focus ? "this server" : "server \"" + server.id() + "\"";
    }

    private void validateServer(ServerDefinition server, String prefix, List<FieldError> errors) {
        check(errors, prefix + "id", server.id(), MAX_ID_LENGTH, id -> {
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
        check(errors, prefix + "displayName", server.displayName(), MAX_DISPLAY_NAME_LENGTH, name -> {
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
        check(errors, prefix + "role", server.role(), MAX_ROLE_LENGTH, role -> ROLE.matcher(role).matches() ? null
                : "may contain only letters, digits, spaces, '.', '_' and '-'"
                + (TextRules.invisibleCharacter(role) != null ? " (" + TextRules.invisibleCharacter(role) + ")" : ""));
        validateExporters(server.exporters(), prefix, errors);
        validateLabels(server.extraLabels(), prefix, errors);
    }

    private void validateExporters(List<ExporterDefinition> exporters, String prefix, List<FieldError> errors) {
        if (exporters.isEmpty()) {
            errors.add(new FieldError(prefix + "exporters", "needs at least one exporter"));
            return;
        }
        if (exporters.size() > MAX_EXPORTERS) {
            errors.add(new FieldError(prefix + "exporters", "has " + exporters.size() + " exporters; at most "
                    + MAX_EXPORTERS + " allowed"));
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
            check(errors, field + ".host", exporter.host(), MAX_HOST_LENGTH, HostRules::problem);
            String port = portProblem(exporter.port());
            if (port != null) {
                errors.add(new FieldError(field + ".port", port));
            }
            check(errors, field + ".scheme", exporter.scheme(), MAX_SCHEME_LENGTH,
                    scheme -> scheme.equals("http") || scheme.equals("https") ? null : "must be http or https");
            check(errors, field + ".metricsPath", exporter.metricsPath(), MAX_METRICS_PATH_LENGTH, TargetValidator::pathProblem);
        }
    }

    /** RFC 3986 path characters only: anything else Prometheus would have to escape, so it is a typo. */
    private static String pathProblem(String path) {
        if (!path.startsWith("/")) {
            return "must start with '/', e.g. /metrics";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return "must not contain '" + c + "' (query parameters and fragments are not part of the path)";
            }
            if (!TextRules.isPrintableAsciiWithoutSpace(c) || URL_PATH_CHARACTERS.indexOf(c) < 0 && !Character.isLetterOrDigit(c)) {
                return "may contain only letters, digits and the URL path characters " + URL_PATH_CHARACTERS
                        + " (no spaces; position " + (i + 1) + ")";
            }
        }
        return null;
    }

    private void validateLabels(Map<String, String> labels, String prefix, List<FieldError> errors) {
        if (labels.size() > MAX_EXTRA_LABELS) {
            errors.add(new FieldError(prefix + "extraLabels", "has " + labels.size() + " labels; at most "
                    + MAX_EXTRA_LABELS + " allowed"));
            return;
        }
        int i = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String field = prefix + "extraLabels[" + i++ + "]";
            String name = label.getKey();
            boolean nameValid = check(errors, field + ".name", name, MAX_LABEL_NAME_LENGTH, n -> {
                if (!LABEL_NAME.matcher(n).matches()) {
                    return "must be a Prometheus label name: letters, digits and '_', not starting with a digit";
                }
                if (n.startsWith("__")) {
                    return "must not start with \"__\" (reserved for Prometheus and Infradash)";
                }
                if (RESERVED_LABELS.contains(n)) {
                    return "\"" + n + "\" is reserved: server, role, job and instance are set by Infradash and Prometheus";
                }
                return null;
            });
            String subject = nameValid ? "the value of \"" + name + "\" " : "";
            check(errors, field + ".value", label.getValue(), MAX_LABEL_VALUE_LENGTH, value -> {
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
    private static boolean check(List<FieldError> errors, String field, String value, int maxLength,
                                 Function<String, String> rule) {
        String problem;
        if (value == null) {
            problem = "is required";
        } else if (value.length() > maxLength) {
            problem = tooLong(value, maxLength);
        } else {
            problem = rule.apply(value);
        }
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return false;
        }
        return true;
    }

    static String tooLong(String value, int maxLength) {
        return "is too long: " + value.length() + " characters, at most " + maxLength + " allowed";
    }

    static String portProblem(int port) {
        return port >= 1 && port <= 65535 ? null : "must be between 1 and 65535 (was " + port + ")";
    }

    /**
     * Reads a port as typed into a form or found in a {@code host:port}.
     *
     * @throws ValidationException naming {@code field} when it is not a number 1-65535
     */
    public static int parsePort(String field, String text) {
        String problem;
        if (text == null || text.isEmpty()) {
            problem = "is required";
        } else if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem = "must be a number between 1 and 65535";
        } else {
            problem = portProblem(Integer.parseInt(text));
        }
        if (problem != null) {
            throw new ValidationException(List.of(new FieldError(field, problem)));
        }
        return Integer.parseInt(text);
    }
}
