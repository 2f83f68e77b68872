package dev.infradash.fleet;

import dev.infradash.prometheus.Sample;
import dev.infradash.targets.MonitoredServer;
import dev.infradash.targets.ServiceCheck;
import dev.infradash.targets.ServiceKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The service checks of one server, made from the cycle's SERVICE_* answers (the probe_* series). */
final class ServiceStates {

    static final String PROBER_DOWN = "blackbox_exporter does not answer Prometheus' probes: is it running,"
            + " at the address prometheus.yml's blackbox job names?";
    static final String ICMP_HINT = "no answer to ping; if every ping check is down, blackbox_exporter may lack"
            + " the CAP_NET_RAW capability (see prometheus/blackbox.yml)";

    private ServiceStates() {}

    static List<ServiceState> of(@Nullable MonitoredServer configured, CycleAnswers a) {
        if (configured == null || configured.services().isEmpty()) {
            return List.of();
        }
        String server = configured.id();
        List<ServiceState> states = new ArrayList<>();
        for (ServiceCheck check : configured.services()) {
            Double success = value(a, FleetQuery.SERVICE_UP, server, check.name());
            Double proberUp = value(a, FleetQuery.SERVICE_PROBER_UP, server, check.name());
            Boolean up = success == null ? null : success == 1.0;
            Double latency = value(a, FleetQuery.SERVICE_LATENCY, server, check.name());
            Double status = value(a, FleetQuery.SERVICE_STATUS, server, check.name());
            String problem = null;
            if (proberUp != null && proberUp == 0.0) {
                up = null; // the prober is down, not necessarily the service
                problem = PROBER_DOWN;
            } else if (Boolean.FALSE.equals(up) && check.kind() == ServiceKind.ICMP) {
                problem = ICMP_HINT;
            }
            states.add(new ServiceState(
                    check.name(),
                    check.kind().label(),
                    check.target(),
                    up,
                    latency == null || up == null ? null : latency * 1000,
                    status == null || check.kind() != ServiceKind.HTTP ? null : (int) Math.round(status),
                    value(a, FleetQuery.SERVICE_UPTIME_24H, server, check.name()),
                    certDays(value(a, FleetQuery.SERVICE_CERT_EXPIRY, server, check.name())),
                    problem,
                    check.kind() == ServiceKind.HTTP ? check.expectStatus().label() : null));
        }
        return states;
    }

    /**
     * The health of a server that has checks and no exporter (a router, a NAS): UP when any check
     * succeeds, DOWN when every probed check fails, UNKNOWN before the first probe.
     */
    static Health health(List<ServiceState> services) {
        if (services.stream().anyMatch(s -> Boolean.TRUE.equals(s.up()))) {
            return Health.UP;
        }
        return services.stream().anyMatch(ServiceState::down) ? Health.DOWN : Health.UNKNOWN;
    }

    private static @Nullable Double certDays(@Nullable Double seconds) {
        return seconds == null ? null : Math.floor(seconds / 86_400 * 10) / 10;
    }

    private static @Nullable Double value(CycleAnswers a, FleetQuery query, String server, String service) {
        for (Sample sample : a.of(query, server)) {
            if (service.equals(sample.labels().get("service")) && Double.isFinite(sample.value())) {
                return sample.value();
            }
        }
        return null;
    }
}
