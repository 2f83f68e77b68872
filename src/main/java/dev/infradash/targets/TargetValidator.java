package dev.infradash.targets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

    /** Checks a whole list, as {@link TargetFileStore#save} writes it; fields are {@code servers[i]....}. */
    public List<FieldError> validate(@Nullable List<ServerDefinition> servers) {
        return validate(servers, -1);
    }

    /**
     * Checks a whole list in which the server at {@code focus} is the one being added or updated:
     * its fields are reported without the {@code servers[i].} prefix, so a form for one server can
     * show them next to its inputs.
     */
    public List<FieldError> validate(@Nullable List<ServerDefinition> servers, int focus) {
        List<FieldError> errors = new ArrayList<>();
        if (servers == null) {
            errors.add(new FieldError("servers", "is required"));
            return errors;
        }
        if (servers.size() > MAX_SERVERS) {
            errors.add(new FieldError(
                    "servers", "has " + servers.size() + " servers; at most " + MAX_SERVERS + " allowed"));
            return errors;
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            String prefix = i == focus ? "" : "servers[" + i + "].";
            ServerDefinition server = servers.get(i);
            if (server == null) {
                errors.add(new FieldError(
                        prefix.isEmpty() ? "server" : prefix.substring(0, prefix.length() - 1), "is required"));
                continue;
            }
            int before = errors.size();
            ServerRules.check(server, prefix, errors);
            boolean idValid =
                    errors.stream().skip(before).noneMatch(e -> e.field().equals(prefix + "id"));
            if (idValid) {
                Integer first = ids.putIfAbsent(server.id(), i);
                if (first != null) {
                    errors.add(new FieldError(
                            prefix + "id",
                            "\"" + server.id() + "\" is already used by "
                                    + (first == focus ? "the server being edited" : otherServer(servers.get(first)))));
                }
            }
            for (int e = 0; e < server.exporters().size(); e++) {
                ExporterDefinition exporter = server.exporters().get(e);
                String field = prefix + "exporters[" + e + "]";
                boolean valid = exporter != null
                        && errors.stream()
                                .skip(before)
                                .noneMatch(error -> error.field().equals(field + ".host")
                                        || error.field().equals(field + ".port"));
                if (valid) {
                    String key = HostRules.canonical(exporter.host()) + ":" + exporter.port();
                    String where = exporterName(exporter.kind()) + " of " + serverLabel(server, i, focus);
                    String first = addresses.putIfAbsent(key, where);
                    if (first != null) {
                        errors.add(new FieldError(
                                field + ".host",
                                exporter.host() + ":" + exporter.port() + " is already " + first
                                        + ": an exporter may appear only once"));
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
    public List<FieldError> validateChange(@Nullable List<ServerDefinition> servers, int focus) {
        if (servers == null) {
            return validate(null, focus);
        }
        List<FieldError> errors = new ArrayList<>();
        if (servers.size() > MAX_SERVERS) {
            errors.add(new FieldError(
                    "servers", "has " + servers.size() + " servers; at most " + MAX_SERVERS + " allowed"));
            return errors;
        }
        ServerDefinition server = servers.get(focus);
        if (server == null) {
            errors.add(new FieldError("server", "is required"));
            return errors;
        }
        ServerRules.check(server, "", errors);
        boolean idValid = errors.stream().noneMatch(e -> e.field().equals("id"));
        for (int i = 0; i < servers.size(); i++) {
            ServerDefinition other = servers.get(i);
            if (i == focus || other == null) {
                continue;
            }
            if (idValid && server.id().equals(other.id())) {
                errors.add(new FieldError("id", "\"" + server.id() + "\" is already used by " + otherServer(other)));
            }
        }
        for (int e = 0; e < server.exporters().size(); e++) {
            ExporterDefinition exporter = server.exporters().get(e);
            String field = "exporters[" + e + "]";
            boolean valid = exporter != null
                    && errors.stream()
                            .noneMatch(error -> error.field().equals(field + ".host")
                                    || error.field().equals(field + ".port"));
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
                errors.add(new FieldError(
                        field + ".host",
                        exporter.host() + ":" + exporter.port() + " is already " + clash
                                + ": an exporter may appear only once"));
            }
        }
        return errors;
    }

    private static @Nullable String clash(ExporterDefinition exporter, List<ExporterDefinition> others, String owner) {
        String key = HostRules.canonical(exporter.host()) + ":" + exporter.port();
        for (int i = 0; i < others.size(); i++) {
            ExporterDefinition other = others.get(i);
            if (other != null
                    && other.host() != null
                    && other.host().length() <= MAX_HOST_LENGTH
                    && key.equals(HostRules.canonical(other.host()) + ":" + other.port())) {
                return exporterName(other.kind()) + " of " + owner;
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
        Map<String, Integer> ids = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            ServerDefinition server = servers.get(i);
            if (server == null) {
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            ServerRules.check(server, "", errors);
            if (errors.stream().noneMatch(e -> e.field().equals("id"))) {
                Integer first = ids.putIfAbsent(server.id(), i);
                if (first != null) {
                    errors.add(new FieldError(
                            "id", "\"" + server.id() + "\" is already used by " + otherServer(servers.get(first))));
                }
            }
            for (int e = 0; e < server.exporters().size(); e++) {
                ExporterDefinition exporter = server.exporters().get(e);
                String field = "exporters[" + e + "]";
                if (exporter == null
                        || errors.stream()
                                .anyMatch(error -> error.field().equals(field + ".host")
                                        || error.field().equals(field + ".port"))) {
                    continue;
                }
                String first = addresses.putIfAbsent(
                        HostRules.canonical(exporter.host()) + ":" + exporter.port(),
                        exporterName(exporter.kind()) + " of server \"" + abbreviate(server.id()) + "\"");
                if (first != null) {
                    errors.add(new FieldError(
                            field + ".host",
                            exporter.host() + ":" + exporter.port() + " is already " + first
                                    + ": an exporter may appear only once"));
                }
            }
            for (FieldError error : errors) {
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
        ServerRules.check(server, "", errors);
        return errors;
    }

    /**
     * Another server with the same id, as the user knows it: by its display name when it has one
     * (the id is the same as the one just typed, so it alone would not tell them apart).
     */
    private static String otherServer(@Nullable ServerDefinition other) {
        if (other == null
                || other.displayName() == null
                || other.displayName().isBlank()
                || other.displayName().equals(other.id())) {
            return "another server";
        }
        return "another server (\"" + abbreviate(other.displayName()) + "\")";
    }

    /** An exporter as the settings form names it: "the node exporter", not "exporters[0]". */
    static String exporterName(@Nullable ExporterKind kind) {
        if (kind == null) {
            return "an exporter";
        }
        return switch (kind) {
            case NODE -> "the node exporter";
            case GPU -> "the GPU exporter";
            case OTHER -> "an exporter";
        };
    }

    private static String serverLabel(ServerDefinition server, int index, int focus) {
        return index == focus ? "this server" : "server \"" + server.id() + "\"";
    }

    static String tooLong(String value, int maxLength) {
        return "is too long: " + value.length() + " characters, at most " + maxLength + " allowed";
    }

    static @Nullable String portProblem(int port) {
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
