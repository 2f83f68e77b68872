package dev.infradash.prometheus;

import java.util.List;
import java.util.Objects;

/** A successful query answer; {@code warnings} are Prometheus' non-fatal warnings (often empty). */
public record QueryResponse(QueryResult result, List<String> warnings) {
    public QueryResponse {
        Objects.requireNonNull(result, "result");
        warnings = List.copyOf(warnings);
    }

    /** The result as an instant vector; a different type means the query was not what we thought. */
    public VectorResult asVector() {
        if (result instanceof VectorResult vector) {
            return vector;
        }
        throw wrongType("vector");
    }

    public MatrixResult asMatrix() {
        if (result instanceof MatrixResult matrix) {
            return matrix;
        }
        throw wrongType("matrix");
    }

    private PrometheusException wrongType(String expected) {
        return new PrometheusException(
                PrometheusException.Kind.MALFORMED_RESPONSE,
                "Expected a " + expected + " result from Prometheus but got " + QueryResponseParser.typeName(result),
                null);
    }
}
