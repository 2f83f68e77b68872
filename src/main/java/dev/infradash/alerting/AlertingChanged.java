package dev.infradash.alerting;

/**
 * Published (Spring application event) after rules or channels changed, so the Alertmanager
 * configuration, whose routes depend on both, is written and reloaded again.
 *
 * @param reason what changed, for the log
 */
public record AlertingChanged(String reason) {}
