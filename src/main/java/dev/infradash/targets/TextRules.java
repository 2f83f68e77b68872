package dev.infradash.targets;

import org.jspecify.annotations.Nullable;

/** Character checks shared by the validator's rules. */
final class TextRules {

    private TextRules() {}

    /**
     * Why {@code text} contains a character no label or name should carry, or null. Control
     * characters (incl. \n, \r, \t, DEL), line/paragraph separators and format characters (bidi
     * overrides, zero-width spaces) would break log lines or make two different values look alike.
     */
    static @Nullable String invisibleCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String problem = switch (Character.getType(cp)) {
                case Character.CONTROL ->
                    "must not contain control characters (" + codePoint(cp) + " at position " + (i + 1) + ")";
                case Character.FORMAT ->
                    "must not contain invisible formatting characters (" + codePoint(cp) + " at position " + (i + 1)
                            + ", e.g. a zero-width space or a right-to-left override)";
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    "must not contain line breaks (" + codePoint(cp) + " at position " + (i + 1) + ")";
                case Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED ->
                    "must not contain unassigned or private-use characters (" + codePoint(cp) + " at position "
                            + (i + 1) + ")";
                default -> null;
            };
            if (problem != null) {
                return problem;
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /**
     * Why {@code text} carries a character that would close a quoted PromQL string or label
     * matcher if some later feature put it into a query, or null. Free text (display names, label
     * values) has no need for them, so refusing them costs nothing and removes a class of bugs.
     */
    static @Nullable String queryBreakingCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '{' || c == '}' || c == '`') {
                return "must not contain " + c + " (quotes, backslashes, braces and backticks are reserved)";
            }
        }
        return null;
    }

    static boolean isPrintableAsciiWithoutSpace(char c) {
        return c > 0x20 && c < 0x7f;
    }

    static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
