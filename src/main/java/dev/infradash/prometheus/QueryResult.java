package dev.infradash.prometheus;

/** The {@code data} of a query answer, one type per Prometheus {@code resultType}. */
public sealed interface QueryResult permits VectorResult, MatrixResult, ScalarResult, StringResult {}
