package dev.infradash.prometheus;

import java.util.regex.Pattern;

/** Builds PromQL fragments from untrusted values (server names typed by users, label values). */
public final class PromQL {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PromQL() {}

    /**
     * A double-quoted PromQL string literal that reads back as exactly {@code value}. PromQL
     * unquotes like Go: besides \\ and \" we escape every control, format and line/paragraph
     * separator character as {@code \}{@code uXXXX}, so nothing can end the literal or hide in it.
     * A lone surrogate cannot be sent as UTF-8 and is not a valid \\u escape in Go: it becomes
     * U+FFFD, as the UTF-8 encoder would make it anyway.
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i)); // a valid pair: plain UTF-8
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\uFFFD");
                    } else if (needsEscape(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code name="value"}, with the value quoted; the name must be a classic label name. */
    public static String matcher(String labelName, String value) {
        if (labelName == null || !LABEL_NAME.matcher(labelName).matches()) {
            throw new IllegalArgumentException("Not a valid label name: " + labelName);
        }
        return labelName + "=" + quote(value);
    }

    private static boolean needsEscape(char c) {
        return switch (Character.getType(c)) {
            // Cc covers C0, DEL and C1; Cf covers bidi overrides and BOM; Zl/Zp are U+2028/U+2029.
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    /** A duration as PromQL writes it: 90s or 1500ms, not ISO-8601. */
    public static String duration(java.time.Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
