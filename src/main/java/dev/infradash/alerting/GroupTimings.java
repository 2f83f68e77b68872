package dev.infradash.alerting;

import java.time.Duration;

/**
 * Alertmanager's grouping timings on Infradash's root route (see {@link AlertingProperties} for
 * what each one does and why the production defaults are what they are).
 *
 * @param groupWait      how long a new group of alerts waits for more before its first message
 * @param groupInterval  the shortest gap between two messages of one group, a resolved one included
 * @param repeatInterval how long before a message about what still fires is sent again
 */
record GroupTimings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {}
