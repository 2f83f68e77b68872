package dev.infradash.testsupport;

/**
 * Reads a PromQL string literal back, the way Prometheus does, so tests can check that a quoted
 * value means exactly what was quoted. The one unquoter of the tests.
 */
public final class PromQLLiterals {

    private PromQLLiterals() {}

    /**
     * The unquoting of a double-quoted string as PromQL's lexer and strconv-style Unquote do it:
     * no raw newline or unescaped quote inside, escapes \a \b \f \n \r \t \v \\ \" \ooo \xhh
     * (ASCII only here) \\uhhhh \Uhhhhhhhh, no surrogate code points.
     */
    public static String unquote(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            throw new IllegalArgumentException("not double-quoted: " + s);
        }
        StringBuilder out = new StringBuilder();
        int end = s.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("raw " + (int) c + " at " + i);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= end) {
                throw new IllegalArgumentException("dangling backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\', '"' -> out.append(e);
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int cp = hex(s, i + 1, digits, end);
                    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (e == 'x' && cp > 0x7F)) {
                        throw new IllegalArgumentException("invalid code point " + cp);
                    }
                    out.appendCodePoint(cp);
                    i += digits;
                }
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < end) {
                        out.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("unknown escape \\" + e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hex(String s, int from, int digits, int end) {
        if (from + digits > end) {
            throw new IllegalArgumentException("short escape");
        }
        String h = s.substring(from, from + digits);
        if (!h.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("bad hex " + h);
        }
        return Integer.parseInt(h, 16);
    }
}
