package dev.infradash.base;

import java.util.regex.Pattern;

/**
 * A name from the targets file as it may be shown: in the snapshot, the API, the cards and the
 * detail header. The file is edited by hand too, so it can hold a 20 MB name or a right-to-left
 * override that makes a name read backwards; refusing those is the editor's job, and this keeps
 * what is already in the file from reaching every page and every API answer.
 */
public final class DisplayNames {

    /** Longer than any real server name; a card shows far less. */
    public static final int MAX_LENGTH = 200;
    /** Embeddings, overrides, isolates and the marks LRM, RLM and ALM: they reorder what follows them. */
    private static final Pattern BIDI_CONTROLS =
            Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");

    private DisplayNames() {}

    /** {@code name} without bidi controls, cut to {@link #MAX_LENGTH} characters ending in an ellipsis. */
    public static String shown(String name) {
        String plain = BIDI_CONTROLS.matcher(name).replaceAll("");
        if (plain.length() <= MAX_LENGTH) {
            return plain;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(plain.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        return plain.substring(0, end) + "…";
    }
}
