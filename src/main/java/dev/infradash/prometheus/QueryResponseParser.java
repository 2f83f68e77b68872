package dev.infradash.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the {@code data} object of /api/v1/query and /api/v1/query_range into the result model. */
final class QueryResponseParser {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private QueryResponseParser() {}

    static QueryResponse parse(JsonNode data, List<String> warnings) {
        JsonNode result = field(data, "result");
        String type = field(data, "resultType").asText();
        QueryResult parsed = switch (type) {
            case "vector" -> new VectorResult(map(array(result, "result"), QueryResponseParser::sample));
            case "matrix" -> new MatrixResult(map(array(result, "result"), QueryResponseParser::series));
            case "scalar" ->
                new ScalarResult(
                        timestamp(pair(result).get(0)), value(pair(result).get(1)));
            case "string" ->
                new StringResult(
                        timestamp(pair(result).get(0)), text(pair(result).get(1)));
            default -> throw new MalformedResponseException("unknown resultType '" + type + "'");
        };
        return new QueryResponse(parsed, warnings);
    }

    /** Prometheus' resultType name; an if-chain because pattern switches are not final in Java 17. */
    static String typeName(QueryResult result) {
        if (result instanceof VectorResult) {
            return "vector";
        }
        if (result instanceof MatrixResult) {
            return "matrix";
        }
        return result instanceof ScalarResult ? "scalar" : "string";
    }

    private static Sample sample(JsonNode node) {
        JsonNode value = pair(field(node, "value"));
        return new Sample(labels(node), timestamp(value.get(0)), value(value.get(1)));
    }

    private static RangeSeries series(JsonNode node) {
        List<Point> points = map(array(field(node, "values"), "values"), p -> {
            JsonNode pair = pair(p);
            return new Point(timestamp(pair.get(0)), value(pair.get(1)));
        });
        return new RangeSeries(labels(node), points);
    }

    private static Map<String, String> labels(JsonNode series) {
        JsonNode metric = field(series, "metric");
        if (!metric.isObject()) {
            throw new MalformedResponseException("'metric' is not an object");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields().forEachRemaining(e -> labels.put(e.getKey(), text(e.getValue())));
        return labels;
    }

    /**
     * Timestamps are seconds with a fraction ({@code 1795784140.675}); read from the decimal
     * text (the mapper keeps floats as BigDecimal) so no binary rounding shifts a millisecond.
     */
    static Instant timestamp(JsonNode node) {
        BigDecimal seconds;
        if (node.isNumber()) {
            seconds = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                seconds = new BigDecimal(node.asText());
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("bad timestamp '" + node.asText() + "'");
            }
        } else {
            throw new MalformedResponseException("timestamp is not a number: " + node);
        }
        try {
            BigInteger[] secAndNanos = seconds.movePointRight(9)
                    .setScale(0, RoundingMode.HALF_UP)
                    .toBigInteger()
                    .divideAndRemainder(NANOS_PER_SECOND);
            // ofEpochSecond normalises a negative nano adjustment (times before 1970).
            return Instant.ofEpochSecond(secAndNanos[0].longValueExact(), secAndNanos[1].longValue());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new MalformedResponseException("timestamp out of range: " + seconds);
        }
    }

    /** Sample values are strings in Go's float format, including "NaN", "+Inf" and "-Inf". */
    static double value(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        String text = text(node);
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new MalformedResponseException("bad sample value '" + text + "'");
                }
            }
        };
    }

    private static JsonNode pair(JsonNode node) {
        if (!node.isArray() || node.size() != 2) {
            throw new MalformedResponseException("expected a [timestamp, value] pair but got " + abbreviate(node));
        }
        return node;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedResponseException("missing '" + name + "'");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name) {
        if (!node.isArray()) {
            throw new MalformedResponseException("'" + name + "' is not an array");
        }
        return node;
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new MalformedResponseException("expected a string but got " + abbreviate(node));
        }
        return node.asText();
    }

    private static <T> List<T> map(JsonNode array, java.util.function.Function<JsonNode, T> parser) {
        List<T> out = new ArrayList<>(array.size());
        array.forEach(element -> out.add(parser.apply(element)));
        return out;
    }

    static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
