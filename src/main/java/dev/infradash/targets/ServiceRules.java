package dev.infradash.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules a server's service checks obey, by field ({@code services[0].target}). Targets follow
 * the exporters' host rules ({@link HostRules}); URLs are http or https only and carry no
 * credentials, since the targets file is readable by Prometheus and shown in Settings.
 */
final class ServiceRules {

    static final int MAX_SERVICES = 32;
    static final int MAX_NAME_LENGTH = 63;
    static final int MAX_URL_LENGTH = 1024;
    static final int MAX_KEYWORD_LENGTH = 200;
    /** A name is a label value and part of the series API's query string: keep it to a plain id. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private ServiceRules() {}

    static void check(List<ServiceCheck> services, String prefix, List<FieldError> errors) {
        if (services.size() > MAX_SERVICES) {
            errors.add(new FieldError(
                    prefix + "services", "has " + services.size() + " checks; at most " + MAX_SERVICES + " allowed"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            String field = prefix + "services[" + i + "]";
            ServiceCheck check = services.get(i);
            if (check == null) {
                errors.add(new FieldError(field, "is required"));
                continue;
            }
            String nameProblem = nameProblem(check.name());
            if (nameProblem != null) {
                errors.add(new FieldError(field + ".name", nameProblem));
            } else if (!names.add(check.name())) {
                errors.add(
                        new FieldError(field + ".name", "\"" + check.name() + "\" is already a check of this server"));
            }
            if (check.kind() == null) {
                errors.add(new FieldError(field + ".kind", "is required: http, tcp, icmp or dns"));
                continue;
            }
            String targetProblem = targetProblem(check.kind(), check.target());
            if (targetProblem != null) {
                errors.add(new FieldError(field + ".target", targetProblem));
            }
            optionsProblems(check, field, errors);
        }
    }

    private static @Nullable String nameProblem(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return TargetValidator.tooLong(name, MAX_NAME_LENGTH);
        }
        return NAME.matcher(name).matches()
                ? null
                : "must be 1-63 letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. qdrant)";
    }

    static @Nullable String targetProblem(ServiceKind kind, @Nullable String target) {
        if (target == null || target.isEmpty()) {
            return "is required"
                    + switch (kind) {
                        case HTTP -> ": an http:// or https:// URL, e.g. http://10.0.0.7:6333/healthz";
                        case TCP -> ": host:port, e.g. 10.0.0.7:22";
                        case ICMP -> ": a host, e.g. 10.0.0.7";
                        case DNS -> ": the resolver as host:port, e.g. 10.0.0.1:53";
                    };
        }
        if (target.length() > MAX_URL_LENGTH) {
            return TargetValidator.tooLong(target, MAX_URL_LENGTH);
        }
        return switch (kind) {
            case HTTP -> urlProblem(target);
            case TCP, DNS -> hostPortProblem(target);
            case ICMP -> {
                String problem = target.length() > TargetValidator.MAX_HOST_LENGTH
                        ? TargetValidator.tooLong(target, TargetValidator.MAX_HOST_LENGTH)
                        : HostRules.problem(target);
                yield problem == null || target.indexOf(':') < 0 || target.startsWith("[")
                        ? problem
                        : "must be a host without a port (ping has none), e.g. 10.0.0.7";
            }
        };
    }

    private static @Nullable String hostPortProblem(String target) {
        try {
            ExporterDefinition address = ExporterDefinition.fromAddress(
                    ExporterKind.OTHER,
                    target,
                    ExporterDefinition.DEFAULT_SCHEME,
                    ExporterDefinition.DEFAULT_METRICS_PATH);
            return address.host().length() > TargetValidator.MAX_HOST_LENGTH
                    ? TargetValidator.tooLong(address.host(), TargetValidator.MAX_HOST_LENGTH)
                    : HostRules.problem(address.host());
        } catch (ValidationException e) {
            FieldError error = e.errors().get(0);
            return error.field().equals("port") ? "port " + error.message() : error.message();
        }
    }

    private static @Nullable String urlProblem(String url) {
        for (int i = 0; i < url.length(); i++) {
            if (!TextRules.isPrintableAsciiWithoutSpace(url.charAt(i))) {
                return "must be plain ASCII without spaces or control characters (position " + (i + 1)
                        + "); percent-encode anything else";
            }
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return "must start with http:// or https:// (no other scheme is probed)";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return "must not contain credentials (user:password@): the targets file is no place for secrets";
        }
        if (uri.getRawFragment() != null) {
            return "must not contain a fragment (#...): it is never sent to the server";
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return "needs a host, e.g. http://10.0.0.7:6333/healthz";
        }
        // the authority by hand: java.net.URI gives no host at all for 256.0.0.1, which the
        // host rules can explain
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon >= 0 && authority.lastIndexOf(']') < colon;
        String host = hasPort ? authority.substring(0, colon) : authority;
        String hostProblem = HostRules.problem(host);
        if (hostProblem != null) {
            return "host " + hostProblem;
        }
        if (hasPort) {
            try {
                TargetValidator.parsePort("port", authority.substring(colon + 1));
            } catch (ValidationException e) {
                return "port " + e.errors().get(0).message();
            }
        }
        return TextRules.queryBreakingCharacter(url);
    }

    private static void optionsProblems(ServiceCheck check, String field, List<FieldError> errors) {
        boolean http = check.kind() == ServiceKind.HTTP;
        if (!check.keyword().isEmpty()) {
            if (!http) {
                errors.add(new FieldError(field + ".keyword", "applies only to http checks"));
            } else if (check.keyword().length() > MAX_KEYWORD_LENGTH) {
                errors.add(new FieldError(
                        field + ".keyword", TargetValidator.tooLong(check.keyword(), MAX_KEYWORD_LENGTH)));
            } else {
                String problem = TextRules.invisibleCharacter(check.keyword());
                if (problem == null) {
                    problem = TextRules.queryBreakingCharacter(check.keyword());
                }
                if (problem != null) {
                    errors.add(new FieldError(field + ".keyword", problem));
                }
            }
        }
        if (check.acceptSelfSigned()
                && (!http
                        || check.target() == null
                        || !check.target().toLowerCase(Locale.ROOT).startsWith("https://"))) {
            errors.add(new FieldError(field + ".acceptSelfSigned", "applies only to https:// URLs"));
        }
        if (check.expectStatus() != ExpectedStatus.SUCCESS && !http) {
            errors.add(new FieldError(field + ".expectStatus", "applies only to http checks"));
        }
        if (!check.dnsQuery().isEmpty()) {
            if (check.kind() != ServiceKind.DNS) {
                errors.add(new FieldError(field + ".dnsQuery", "applies only to dns checks"));
            } else {
                String name = check.dnsQuery().endsWith(".")
                        ? check.dnsQuery().substring(0, check.dnsQuery().length() - 1)
                        : check.dnsQuery();
                String problem = name.length() > TargetValidator.MAX_HOST_LENGTH
                        ? TargetValidator.tooLong(name, TargetValidator.MAX_HOST_LENGTH)
                        : HostRules.problem(name);
                if (problem != null) {
                    errors.add(new FieldError(field + ".dnsQuery", problem));
                }
            }
        }
    }
}
