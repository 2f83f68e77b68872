package dev.infradash.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the browser kept for the overview: the last filter (localStorage) and, after Back from a
 * detail view, the query, card count and scroll position it left with (sessionStorage). Parsed
 * defensively: it is the client's text, so anything odd is "nothing remembered".
 */
record BrowserMemory(String rememberedQuery, String backQuery, int backCards, int backScrollY) {

    static final BrowserMemory NONE = new BrowserMemory("", "", 0, 0);
    /** More cards than this are not restored: a hand-edited storage must not cost the server a fleet. */
    static final int MAX_CARDS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    static BrowserMemory parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            String remembered = root.path("remembered").asText("");
            String back = root.path("back").asText("");
            if (back.isEmpty()) {
                return new BrowserMemory(remembered, "", 0, 0);
            }
            JsonNode b = JSON.readTree(back);
            return new BrowserMemory(
                    remembered,
                    b.path("query").asText(""),
                    Math.max(0, Math.min(MAX_CARDS, b.path("cards").asInt(0))),
                    Math.max(0, b.path("y").asInt(0)));
        } catch (Exception notJson) {
            return NONE;
        }
    }
}
