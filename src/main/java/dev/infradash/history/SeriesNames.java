package dev.infradash.history;

import dev.infradash.base.chart.Point;
import dev.infradash.base.chart.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the series of a chart from their labels, and folds the network interfaces beyond the
 * busiest few into "other" — the same way for history and for live points, so appended points
 * land on the series the history drew.
 */
final class SeriesNames {

    /** Interfaces drawn one by one; the rest are summed. */
    static final int TOP_INTERFACES = 4;

    private SeriesNames() {}

    /** Names in reading order: numbers by value, so load reads 1m, 5m, 15m, not 15m, 1m, 5m. */
    static final Comparator<String> READING_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                int byValue = new java.math.BigInteger(a.substring(i, endA))
                        .compareTo(new java.math.BigInteger(b.substring(j, endB)));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** Reading order, with the folded "other" series last. */
    static final Comparator<String> STABLE_ORDER = Comparator.<String, Boolean>comparing(
                    name -> name.equals("other") || name.endsWith(" other"))
            .thenComparing(READING_ORDER);

    static String name(Chart chart, Map<String, String> labels, Map<String, String> gpuModels) {
        String raw = labels.getOrDefault(chart.seriesLabel(), "");
        if (chart.gpu()) {
            String model = gpuModels.getOrDefault(raw, "");
            String shortId = raw.length() > 8 ? raw.substring(0, 8) : raw;
            return model.isEmpty() ? "GPU " + shortId : model + " · " + shortId;
        }
        return raw;
    }

    /** The interfaces to draw by name: the busiest by average rx+tx over the window. */
    static Set<String> topInterfaces(List<Series> series) {
        Map<String, Double> traffic = new HashMap<>();
        for (Series s : series) {
            double sum = s.points().stream()
                    .filter(p -> p.value() != null)
                    .mapToDouble(Point::value)
                    .sum();
            traffic.merge(device(s.name()), sum, Double::sum);
        }
        return traffic.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_INTERFACES)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** The interfaces a folded network chart draws by name (all but "other"), in its order. */
    static Set<String> shownInterfaces(List<Series> folded) {
        Set<String> shown = new java.util.LinkedHashSet<>();
        folded.forEach(s -> {
            String device = device(s.name());
            if (!device.equals("other")) {
                shown.add(device);
            }
        });
        return shown;
    }

    /** "rx eth0" → "eth0". */
    static String device(String seriesName) {
        int space = seriesName.indexOf(' ');
        return space < 0 ? seriesName : seriesName.substring(space + 1);
    }

    /** "rx eth9" → "rx other" unless eth9 is one of the top interfaces. */
    static String folded(String seriesName, Set<String> top) {
        if (top.contains(device(seriesName))) {
            return seriesName;
        }
        int space = seriesName.indexOf(' ');
        return (space < 0 ? seriesName : seriesName.substring(0, space)) + " other";
    }

    /** Sums the series of interfaces outside the top ones, point by point. */
    static List<Series> foldNetwork(List<Series> series) {
        Set<String> top = topInterfaces(series);
        Map<String, Map<Long, Double>> byName = new LinkedHashMap<>();
        List<Series> sorted = new ArrayList<>(series);
        sorted.sort(Comparator.comparing(Series::name));
        for (Series s : sorted) {
            Map<Long, Double> points = byName.computeIfAbsent(folded(s.name(), top), k -> new java.util.TreeMap<>());
            for (Point p : s.points()) {
                points.merge(p.epochMillis(), p.value(), (a, b) -> a == null ? b : b == null ? a : a + b);
            }
        }
        List<Series> out = new ArrayList<>();
        byName.forEach((name, points) -> out.add(new Series(
                name,
                points.entrySet().stream()
                        .map(e -> new Point(e.getKey(), e.getValue()))
                        .toList())));
        return out;
    }
}
