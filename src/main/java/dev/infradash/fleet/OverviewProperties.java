package dev.infradash.fleet;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many server cards the overview draws at first; more follow as the user scrolls. Every card
 * costs server memory and push bytes in every open tab, so a 500-server fleet must not put 500
 * cards into each session (measured: 14 MB per tab and a 4.5 s first paint). The default is more
 * than one screen of cards on a large display.
 */
@ConfigurationProperties("infradash.ui.overview")
@Validated
public record OverviewProperties(
        @DefaultValue("24") @Min(1) @Max(1000) int pageSize) {}
