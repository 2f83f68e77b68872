package dev.infradash.alerting;

import java.util.List;

/**
 * Which channels each alert rule's alerts go to. The rules side provides it; the channels side
 * turns it into Alertmanager routes, matching on {@link #RULE_LABEL}. Alerts without that label
 * (rules Infradash did not write) go to every channel.
 */
public interface RuleRoutes {

    /** The label every rule Infradash writes puts on its alerts: the rule's id. */
    String RULE_LABEL = "infradash_rule";

    List<RuleRoute> routes();

    /**
     * @param ruleId     the value of {@link #RULE_LABEL}
     * @param channelIds the channels to notify; empty means every channel
     */
    record RuleRoute(String ruleId, List<String> channelIds) {
        public RuleRoute {
            channelIds = List.copyOf(channelIds);
        }
    }
}
