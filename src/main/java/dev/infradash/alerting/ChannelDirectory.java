package dev.infradash.alerting;

import java.util.List;

/** The notification channels as a rule editor needs them: to choose and to check ids. */
public interface ChannelDirectory {

    List<ChannelSummary> channels();

    /** A channel without its settings or secrets. */
    record ChannelSummary(String id, String name, String type) {}
}
