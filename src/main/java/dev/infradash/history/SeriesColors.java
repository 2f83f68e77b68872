package dev.infradash.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A colour per series name that stays the same whatever the range: well-known names (CPU modes,
 * read/write, rx/tx) have their own, others take a slot of a 12-colour palette chosen by the name's
 * hash, the next free one on a clash (clashes resolved in name order, not answer order), so six
 * series never share a colour and the same series keep the same colours between 1 h and 7 d.
 */
final class SeriesColors {

    /** Distinct in light and dark themes (Tableau 10 plus two). */
    static final List<String> PALETTE = List.of(
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#8c8c8c", "#2f4b7c", "#a05195");

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("user", "#4e79a7"),
            Map.entry("system", "#f28e2b"),
            Map.entry("iowait", "#e15759"),
            Map.entry("other", "#8c8c8c"),
            Map.entry("used", "#4e79a7"),
            Map.entry("apps", "#4e79a7"),
            Map.entry("cache+buffers", "#76b7b2"),
            Map.entry("page cache", "#76b7b2"),
            Map.entry("available", "#59a14f"),
            Map.entry("free", "#59a14f"),
            Map.entry("size", "#8c8c8c"),
            Map.entry("read", "#4e79a7"),
            Map.entry("write", "#f28e2b"),
            Map.entry("up", "#59a14f"),
            Map.entry("down", "#e15759"),
            Map.entry("1m", "#e15759"),
            Map.entry("5m", "#f28e2b"),
            Map.entry("15m", "#4e79a7"));

    private SeriesColors() {}

    /** The colours of these series, in their order. */
    static List<String> of(List<String> names) {
        Set<String> taken = new HashSet<>();
        Map<String, String> chosen = new HashMap<>();
        for (String name : names) {
            String known = KNOWN.get(name);
            if (known != null) {
                chosen.put(name, known);
                taken.add(known);
            }
        }
        for (String name : names.stream().sorted(SeriesNames.READING_ORDER).toList()) {
            if (chosen.containsKey(name)) {
                continue;
            }
            int slot = Math.floorMod(name.hashCode(), PALETTE.size());
            for (int i = 0; i < PALETTE.size() && taken.contains(PALETTE.get(slot)); i++) {
                slot = (slot + 1) % PALETTE.size();
            }
            chosen.put(name, PALETTE.get(slot));
            taken.add(PALETTE.get(slot));
        }
        List<String> colors = new ArrayList<>();
        names.forEach(name -> colors.add(chosen.get(name)));
        return colors;
    }
}
