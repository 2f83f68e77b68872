package dev.infradash.targets;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the app keeps its own files, e.g. the audit log of target edits (env
 * {@code INFRADASH_DATA_DIR}). Created on first write.
 */
@ConfigurationProperties("infradash.data")
@Validated
public record DataProperties(@NotNull @DefaultValue("data") Path dir) {}
