package dev.infradash.alerting;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** Rule ids: derived from the name once, then stable (a rename keeps the id, and so the routes). */
final class RuleIds {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private RuleIds() {}

    static String newId(String name, Collection<String> taken) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            slug = "rule";
        }
        slug = slug.length() > 56 ? slug.substring(0, 56) : slug;
        String id = slug;
        for (int n = 2; taken.contains(id); n++) {
            id = slug + "-" + n;
        }
        return id;
    }
}
