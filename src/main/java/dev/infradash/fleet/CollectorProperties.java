package dev.infradash.fleet;

import dev.infradash.prometheus.PromQL;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the one shared collector.
 *
 * @param refreshInterval how often the collector queries Prometheus and pushes to every browser
 *                        (env {@code INFRADASH_REFRESH_INTERVAL})
 * @param rateWindow      window of rate(); Prometheus needs at least 4 scrape intervals in it,
 *                        so the default suits the 15 s scrape of prometheus.yml
 * @param scrapeInterval  Prometheus' scrape interval: history charts never ask for a finer step
 * @param networkDeviceExclude regex of interfaces that are not physical (loopback, veth, bridges,
 *                        tunnels): counting them would double-count traffic
 * @param diskDeviceExclude regex of block devices that sit on top of others (device mapper, md,
 *                        loop, zram) or are not disks
 * @param filesystemTypeExclude regex of pseudo and overlay filesystems
 * @param mountpointExclude regex of mountpoints that are no filesystem an admin manages: container
 *                        runtimes' mounts, the files Docker bind-mounts into a container running
 *                        node_exporter, and the kernel's pseudo trees
 * @param forecastWindow  how far back the cards' disk-full forecast fits its straight line; sampled
 *                        at a 72nd of it (6 h: every 5 minutes), so it costs the cycle little
 * @param slowPartsInterval how often the cycle asks the answers that change over minutes or days
 *                        (sizes, core counts, GPU models, the forecast, 24 h uptime, certificate
 *                        expiry; {@link SlowParts}); reused in between; 0 asks them every cycle
 */
@ConfigurationProperties("infradash")
@Validated
public record CollectorProperties(
        @NotNull @DurationMin(millis = 500) @DurationMax(hours = 1) @DefaultValue("5s")
        Duration refreshInterval,

        @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) @DefaultValue("1m")
        Duration rateWindow,

        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("15s")
        Duration scrapeInterval,

        @NotBlank
        @DefaultValue(
                "lo|ifb.*|dummy.*|nlmon.*|erspan.*|gre.*|gretap.*|sit.*|ip6tnl.*|veth.*|docker.*|br-.*|virbr.*|vmbr.*|cni.*|flannel.*|cali.*|tap.*|tun.*|wg.*|fwbr.*|fwpr.*|fwln.*|vnet.*|kube.*|lxc.*|bond.*|.*\\..*")
        String networkDeviceExclude,

        @NotBlank @DefaultValue("loop.*|ram.*|zram.*|sr.*|fd.*|dm-.*|md.*|nbd.*")
        String diskDeviceExclude,

        @NotBlank @DefaultValue("tmpfs|ramfs|overlay|squashfs|nsfs|fuse.*|devtmpfs|aufs|autofs|proc|sysfs|cgroup2?")
        String filesystemTypeExclude,

        @NotBlank
        @DefaultValue(
                "(/var/lib/(docker|containers|kubelet|lxcfs)|/run|/snap|/sys|/proc|/dev)(/.*)?|/etc/(hosts|hostname|resolv\\.conf)")
        String mountpointExclude,

        @NotNull @DurationMin(seconds = 30) @DurationMax(days = 7) @DefaultValue("6h")
        Duration forecastWindow,

        @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) @DefaultValue("1m")
        Duration slowPartsInterval) {

    /** The forecast's subquery range, e.g. {@code 6h:5m}: the window at a 72nd of it, at least 1 s. */
    public String forecastRange() {
        long stepMillis = Math.max(1000, forecastWindow.toMillis() / 72);
        return PromQL.duration(forecastWindow) + ":" + PromQL.duration(Duration.ofMillis(stepMillis));
    }
}
