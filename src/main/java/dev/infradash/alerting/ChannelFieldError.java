package dev.infradash.alerting;

/**
 * One refused field of a channel: {@code field} as the API and the form name it ({@code name},
 * {@code type}, {@code url}, {@code password}, ...), {@code message} for a person.
 */
public record ChannelFieldError(String field, String message) {}
