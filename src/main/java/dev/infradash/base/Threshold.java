package dev.infradash.base;

import jakarta.validation.constraints.AssertTrue;

/** Where a value turns amber and where it turns red. */
public record Threshold(double warning, double critical) {

    @AssertTrue(message = "warning must be below critical")
    public boolean isOrdered() {
        return warning < critical;
    }

    public Level level(double value) {
        return value >= critical ? Level.CRITICAL : value >= warning ? Level.WARNING : Level.OK;
    }

    public enum Level {
        OK,
        WARNING,
        CRITICAL
    }
}
