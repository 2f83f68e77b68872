package dev.infradash.alerting;

import dev.infradash.base.VersionConflictException;

/** A write named a version of the channel (If-Match, or the one an edit dialog opened with) that is no longer stored. */
public class ChannelChangedException extends VersionConflictException {

    public ChannelChangedException(String id) {
        super("The channel " + id + " changed since that version");
    }

    @Override
    public String apiDetail() {
        return "The channel changed since that version; nothing was written."
                + " GET the channel for its current settings and version";
    }
}
