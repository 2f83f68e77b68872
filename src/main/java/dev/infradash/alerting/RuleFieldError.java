package dev.infradash.alerting;

/**
 * One refused field of a rule, named as the admin knows it ({@code threshold}, {@code for},
 * {@code scope}), with what to do about it.
 */
public record RuleFieldError(String field, String message) {}
