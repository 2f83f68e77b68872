package dev.infradash.targets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A JSON syntax error as an admin fixing the file by hand needs it: where (line and column) and
 * what is wrong in words, without the parser's internals (issue 15: the banner showed
 * "[Source: REDACTED (`StreamReadFeature...").
 */
final class JsonProblems {

    private static final int MAX_LENGTH = 160;
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?");
    private static final Pattern UNEXPECTED_CHARACTER =
            Pattern.compile("Unexpected character \\('(.{1,2})' \\(code \\d+\\)\\):?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED_TOKEN =
            Pattern.compile("Unrecognized token '([^']{0,40})[^']*'.*", Pattern.DOTALL);

    private JsonProblems() {}

    /** "line 3, column 5: unexpected "}" where a name in double quotes belongs (a comma too many?)". */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1
                ? ""
                : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + what(e.getOriginalMessage());
    }

    static String what(@Nullable String parserMessage) {
        String message = parserMessage == null
                ? ""
                : SOURCE.matcher(parserMessage).replaceAll("").strip();
        if (message.startsWith("Unexpected end-of-input")) {
            return "the file ends too early: a closing ] or } (or a closing quote) is missing";
        }
        Matcher character = UNEXPECTED_CHARACTER.matcher(message);
        if (character.matches()) {
            return "unexpected \"" + character.group(1) + "\"" + expected(character.group(2));
        }
        Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
        if (token.matches()) {
            return "unknown word \"" + token.group(1) + "\": text needs double quotes, and only true, false"
                    + " and null are written without";
        }
        if (message.startsWith("Unexpected close marker")) {
            return "a closing ] or } that does not match the one opened before it";
        }
        if (message.contains("Duplicate field")) {
            return "the same name appears twice in one object";
        }
        String firstLine = message.lines().findFirst().orElse("cannot be read");
        return firstLine.length() <= MAX_LENGTH ? firstLine : firstLine.substring(0, MAX_LENGTH) + "…";
    }

    private static String expected(String rest) {
        if (rest.contains("double-quote to start field name")) {
            return " where a name in double quotes belongs (a comma too many, or a name without quotes?)";
        }
        if (rest.contains("comma to separate")) {
            return ": a comma is missing between two entries";
        }
        if (rest.contains("colon to separate")) {
            return ": a colon is missing between a name and its value";
        }
        if (rest.contains("expected a value") || rest.contains("expected a valid value")) {
            return " where a value belongs (a comma too many?)";
        }
        return "";
    }
}
