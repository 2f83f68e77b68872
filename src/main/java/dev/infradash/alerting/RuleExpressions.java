package dev.infradash.alerting;

import dev.infradash.prometheus.PromQL;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The PromQL and the summary/description templates of each {@link RuleCondition}. The expressions
 * mirror the dashboard's ({@code fleet.FleetQueries}) so an alert and the tile it refers to agree:
 * CPU busy from the idle counter (over 5 m, the dashboard's 1 m would be jumpy for an alert),
 * memory from MemAvailable, filesystems as {@code df} shows them, GPUs in both exporter dialects.
 *
 * <p>Nothing an admin types reaches a template: the texts hold only labels, the threshold (a
 * number this class formats) and the duration (words this class writes).
 */
final class RuleExpressions {

    private final String filesystemTypeExclude;

    RuleExpressions(String filesystemTypeExclude) {
        this.filesystemTypeExclude = filesystemTypeExclude;
    }

    /** The alert's expression, scope included. */
    String expression(AlertRule rule) {
        return core(rule) + scopeFilter(rule.scope());
    }

    private String core(AlertRule rule) {
        String t = number(rule.threshold());
        return switch (rule.condition()) {
            case DOWN -> "up{server!=\"\"} == 0";
            case CPU -> "100 * (1 - avg by (server) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))) > " + t;
            case MEMORY ->
                "100 * (1 - max by (server) (node_memory_MemAvailable_bytes)"
                        + " / max by (server) (node_memory_MemTotal_bytes)) > " + t;
            case ROOT_FILESYSTEM -> "max by (server) (" + usedPercent(root()) + ") > " + t;
            case ANY_FILESYSTEM -> "max by (server, mountpoint) (" + usedPercent(realFilesystems()) + ") > " + t;
            case DISK_FULL_FORECAST ->
                "max by (server) (\n  (" + usedPercent(root())
                        + " > 60)\n  and\n    predict_linear(node_filesystem_avail_bytes"
                        + root() + "[6h], " + t + " * 3600) < 0\n  and\n    deriv(node_filesystem_avail_bytes" + root()
                        + "[1h]) < 0\n)";
            case GPU_TEMPERATURE ->
                "(\n  max by (server, uuid) (" + dcgm("DCGM_FI_DEV_GPU_TEMP") + ")\n  or\n"
                        + "  max by (server, uuid) (nvidia_smi_temperature_gpu)\n) > " + t;
            case GPU_MEMORY ->
                "(\n  max by (server, uuid) ("
                        + dcgm("100 * DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED"
                                + " + DCGM_FI_DEV_FB_FREE + (DCGM_FI_DEV_FB_RESERVED or DCGM_FI_DEV_FB_FREE * 0))")
                        + ")\n  or\n  max by (server, uuid) (100 * nvidia_smi_memory_used_bytes"
                        + " / nvidia_smi_memory_total_bytes)\n) > " + t;
            case GPU_EXPORTER_MISSING ->
                "count by (server) (up{job=\"gpu\",server!=\"\"} == 1)\nunless on (server)\n"
                        + "  count by (server) ({__name__=~\"DCGM_FI_DEV_GPU_TEMP|DCGM_FI_DEV_GPU_UTIL|nvidia_smi_gpu_info"
                        + "|nvidia_smi_temperature_gpu|nvidia_smi_utilization_gpu_ratio\"})";
            case SERVICE_DOWN -> "probe_success" + probes(rule) + " == 0";
            case CERTIFICATE_EXPIRY -> "(probe_ssl_earliest_cert_expiry" + probes(rule) + " - time()) / 86400 < " + t;
            case ADVANCED -> "(" + Objects.requireNonNull(rule.advanced(), "an advanced rule has an expression") + ")";
        };
    }

    /**
     * Narrows to the rule's servers by joining on the {@code server} label of their {@code up}
     * series, so every condition's expression stays exactly the dashboard's.
     */
    private static String scopeFilter(RuleScope scope) {
        return switch (scope.kind()) {
            case ALL -> "";
            case ROLE -> "\nand on (server) group by (server) (up{" + PromQL.matcher("role", scope.role()) + "})";
            case SERVERS ->
                "\nand on (server) group by (server) (up{server=~"
                        // server ids are [a-z0-9-]: nothing in them is special in a regex
                        + PromQL.quote(String.join("|", scope.serverIds())) + "})";
        };
    }

    private static String probes(AlertRule rule) {
        return rule.service().isEmpty()
                ? "{job=\"blackbox\",server!=\"\"}"
                : "{job=\"blackbox\",server!=\"\"," + PromQL.matcher("service", rule.service()) + "}";
    }

    /** Used % as df shows it: 1 - avail / (size - free + avail); reserved blocks count as neither. */
    private static String usedPercent(String selector) {
        String avail = "node_filesystem_avail_bytes" + selector;
        return "100 * (1 - " + avail + " / (node_filesystem_size_bytes" + selector + " - node_filesystem_free_bytes"
                + selector + " + " + avail + "))";
    }

    private String root() {
        return "{mountpoint=\"/\",fstype!~" + PromQL.quote(filesystemTypeExclude) + "}";
    }

    private String realFilesystems() {
        return "{fstype!~" + PromQL.quote(filesystemTypeExclude) + "}";
    }

    private static String dcgm(String expression) {
        return "label_replace(" + expression + ", \"uuid\", \"$1\", \"UUID\", \"(?:GPU-)?(.+)\")";
    }

    String summary(AlertRule rule) {
        String t = number(rule.threshold());
        return switch (rule.condition()) {
            case DOWN -> "{{ $labels.job }} exporter of {{ $labels.server }} is down";
            case CPU -> "CPU of {{ $labels.server }} is more than " + t + " % busy";
            case MEMORY -> "Memory of {{ $labels.server }} is more than " + t + " % used";
            case ROOT_FILESYSTEM -> "Root filesystem of {{ $labels.server }} is more than " + t + " % full";
            case ANY_FILESYSTEM ->
                "Filesystem {{ $labels.mountpoint }} of {{ $labels.server }} is more than " + t + " % full";
            case DISK_FULL_FORECAST -> "Root filesystem of {{ $labels.server }} will be full within " + t + " h";
            case GPU_TEMPERATURE -> "GPU {{ $labels.uuid }} of {{ $labels.server }} is hotter than " + t + " °C";
            case GPU_MEMORY ->
                "GPU {{ $labels.uuid }} of {{ $labels.server }} uses more than " + t + " % of its memory";
            case GPU_EXPORTER_MISSING -> "GPU exporter of {{ $labels.server }} reports no GPUs";
            case SERVICE_DOWN -> "Service {{ $labels.service }} of {{ $labels.server }} is down";
            case CERTIFICATE_EXPIRY ->
                "Certificate of {{ $labels.service }} on {{ $labels.server }} expires within " + t + " days";
            // the alert name is [A-Za-z0-9_] only (AlertRule.alertName): nothing in it is template syntax
            case ADVANCED -> rule.alertName() + " fires for {{ $labels.server }}";
        };
    }

    String description(AlertRule rule) {
        String t = number(rule.threshold());
        String lasting = words(rule.forDuration());
        String now = "{{ $value | printf \"%.1f\" }}";
        return switch (rule.condition()) {
            case DOWN ->
                "Prometheus has not been able to scrape {{ $labels.instance }} (job {{ $labels.job }}) of server"
                        + " {{ $labels.server }} for more than " + lasting + " (up = {{ $value }}).";
            case CPU ->
                "The CPUs of server {{ $labels.server }} have been more than " + t + " % busy (averaged over all"
                        + " cores and 5 minutes) for " + lasting + "; now " + now + " %.";
            case MEMORY ->
                "Server {{ $labels.server }} has used more than " + t + " % of its memory (1 - MemAvailable /"
                        + " MemTotal) for " + lasting + "; now " + now + " %.";
            case ROOT_FILESYSTEM ->
                "The root filesystem (/) of server {{ $labels.server }} has been more than " + t + " % used (as df"
                        + " shows it) for " + lasting + "; now " + now + " %.";
            case ANY_FILESYSTEM ->
                "Filesystem {{ $labels.mountpoint }} of server {{ $labels.server }} has been more than " + t
                        + " % used (as df shows it) for " + lasting + "; now " + now + " %.";
            case DISK_FULL_FORECAST ->
                "At the rate of the last 6 hours the root filesystem (/) of server {{ $labels.server }} runs out of"
                        + " space within " + t + " hours; it is " + now + " % used now.";
            case GPU_TEMPERATURE ->
                "GPU {{ $labels.uuid }} of server {{ $labels.server }} has been hotter than " + t + " °C for " + lasting
                        + "; now {{ $value }} °C.";
            case GPU_MEMORY ->
                "GPU {{ $labels.uuid }} of server {{ $labels.server }} has used more than " + t + " % of its memory"
                        + " for " + lasting + "; now " + now + " %.";
            case GPU_EXPORTER_MISSING ->
                "{{ $value }} GPU exporter target(s) of server {{ $labels.server }} answer, but for " + lasting
                        + " the server has reported no GPU metrics of either dialect (DCGM_FI_DEV_* or"
                        + " nvidia_smi_*): the NVIDIA driver or the GPUs may be gone.";
            case SERVICE_DOWN ->
                "The {{ $labels.service_kind }} check {{ $labels.service }} of server {{ $labels.server }} has"
                        + " failed for " + lasting + " (probe_success = {{ $value }}).";
            case CERTIFICATE_EXPIRY ->
                "The TLS certificate checked by {{ $labels.service }} on server {{ $labels.server }} expires in " + now
                        + " days.";
            case ADVANCED ->
                "The expression of rule " + rule.alertName() + " has matched for " + lasting
                        + " on server {{ $labels.server }}; value {{ $value }}.";
        };
    }

    /** 90 -> "90", 92.5 -> "92.5": as a person writes it, never in exponent form. */
    static String number(@org.jspecify.annotations.Nullable Double value) {
        if (value == null) {
            return "";
        }
        return new java.math.BigDecimal(Double.toString(value))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** 60 s -> "1 minute", 90 s -> "1 minute 30 seconds", 2 h -> "2 hours". */
    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder out = new StringBuilder();
        long[] sizes = {86400, 3600, 60, 1};
        String[] names = {"day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            long n = seconds / sizes[i];
            seconds %= sizes[i];
            if (n > 0) {
                out.append(out.isEmpty() ? "" : " ").append(n).append(' ').append(names[i]);
                out.append(n == 1 ? "" : "s");
            }
        }
        return out.isEmpty() ? "0 seconds" : out.toString();
    }

    /** Prometheus' duration syntax, largest units first: 90 s -> "1m30s". */
    static String promDuration(Duration duration) {
        long seconds = duration.toSeconds();
        long[] sizes = {86400, 3600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            long n = seconds / sizes[i];
            seconds %= sizes[i];
            if (n > 0) {
                out.append(n).append(units[i]);
            }
        }
        return out.isEmpty() ? "0s" : out.toString();
    }

    /** The words the rule list shows, e.g. "CPU above 90 % for 5 m". */
    static String sentence(AlertRule rule) {
        String what = rule.condition() == RuleCondition.ADVANCED
                ? "Expression " + rule.advanced()
                : rule.condition().words();
        if (rule.condition().takesThreshold()) {
            what += " " + number(rule.threshold()) + " " + rule.condition().unit();
        }
        if (!rule.service().isEmpty()) {
            what += " (" + rule.service() + ")";
        }
        return what + " for "
                + promDuration(rule.forDuration())
                        .replaceAll("(\\d+)([a-z])", "$1 $2 ")
                        .strip();
    }

    static String joined(java.util.List<String> ids) {
        return ids.stream().collect(Collectors.joining(", "));
    }
}
