package dev.infradash.targets;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the file_sd targets file lives (env {@code INFRADASH_TARGETS_FILE}). Prometheus reads the
 * same file, so in a deployment it sits on a volume both containers share.
 */
@ConfigurationProperties("infradash.targets")
@Validated
public record TargetsProperties(
        @NotNull @DefaultValue("prometheus/targets/targets.json")
        Path file) {}
