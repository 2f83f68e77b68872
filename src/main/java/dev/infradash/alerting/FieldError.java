package dev.infradash.alerting;

/** One refused field, named as the user knows it (the REST field, the dialog's label). */
public record FieldError(String field, String message) {}
