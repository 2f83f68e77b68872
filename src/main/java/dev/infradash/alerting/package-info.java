/**
 * Alerts that reach people: notification channels (Alertmanager receivers written by Infradash),
 * alert rules (Infradash's own Prometheus rule file), silences, and the alert list and history.
 */
@NullMarked
package dev.infradash.alerting;

import org.jspecify.annotations.NullMarked;
