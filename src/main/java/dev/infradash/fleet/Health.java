package dev.infradash.fleet;

/** A server's state as its primary exporter's {@code up} series says. */
public enum Health {
    UP,
    DOWN,
    /** configured but not scraped yet, or its up series could not be read */
    UNKNOWN
}
