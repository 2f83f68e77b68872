package dev.infradash.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {

    @Test
    void anOrdinaryNameIsShownAsItIs() {
        assertThat(DisplayNames.shown("Storage Server — Rack A ✓")).isEqualTo("Storage Server — Rack A ✓");
    }

    @Test
    void everyBidiControlIsDropped() {
        String controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";
        assertThat(DisplayNames.shown("a" + controls + "b")).isEqualTo("ab");
        assertThat(DisplayNames.shown("שרת 1"))
                .as("right-to-left letters themselves stay")
                .isEqualTo("שרת 1");
    }

    @Test
    void aLongNameIsCutToTheLimitWithAnEllipsis() {
        assertThat(DisplayNames.shown("n".repeat(DisplayNames.MAX_LENGTH)))
                .hasSize(DisplayNames.MAX_LENGTH)
                .doesNotEndWith("…");
        assertThat(DisplayNames.shown("n".repeat(DisplayNames.MAX_LENGTH + 1)))
                .hasSize(DisplayNames.MAX_LENGTH)
                .endsWith("n…");
    }

    @Test
    void theCutNeverSplitsACharacterOfTwoChars() {
        String emoji = "😀".repeat(DisplayNames.MAX_LENGTH);
        String shown = DisplayNames.shown(emoji);
        assertThat(shown).endsWith("😀…");
        assertThat(shown.codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .as("no half character")
                .isEmpty();
    }
}
