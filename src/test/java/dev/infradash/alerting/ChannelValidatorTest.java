package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelValidatorTest {

    final ChannelValidator validator = new ChannelValidator();

    static ChannelValidator.Input input(String name, String type, Map<String, String> fields) {
        return new ChannelValidator.Input(name, type, fields);
    }

    static List<ChannelFieldError> errors(ChannelValidator validator, ChannelValidator.Input input) {
        try {
            validator.check(input, null);
        } catch (InvalidChannelException e) {
            return e.errors();
        }
        return List.of();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "gopher://127.0.0.1:70/x",
                "javascript:alert(1)",
                "ftp://x/y",
                "http://",
                "not a url",
                "//host/path"
            })
    void urlsOtherThanHttpAreRefusedOnTheUrlField(String url) {
        assertThat(errors(validator, input("ops", "webhook", Map.of("url", url))))
                .extracting(ChannelFieldError::field)
                .containsExactly("url");
    }

    @Test
    void newlinesAndHugeValuesAreRefusedWithTheFieldNamed() {
        assertThat(errors(
                        validator,
                        input(
                                "ops",
                                "ntfy",
                                Map.of("serverUrl", "https://ntfy.sh", "topic", "t", "token", "abc\r\nX-Evil: 1"))))
                .extracting(ChannelFieldError::field)
                .containsExactly("token");
        assertThat(errors(validator, input("ops", "webhook", Map.of("url", "https://x.org/" + "a".repeat(3000)))))
                .extracting(ChannelFieldError::field)
                .containsExactly("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "evil\nname", "a\"b", "x: y", "-lead", "{{ template }}"})
    void unsafeNamesAreRefused(String name) {
        assertThat(errors(validator, input(name, "webhook", Map.of("url", "https://x.org/h"))))
                .extracting(ChannelFieldError::field)
                .containsExactly("name");
    }

    @Test
    void unknownTypeAndUnknownFieldsAreNamed() {
        assertThat(errors(validator, input("ops", "pager", Map.of())))
                .extracting(ChannelFieldError::field)
                .containsExactly("type");
        assertThat(errors(validator, input("ops", "webhook", Map.of("url", "https://x.org", "headers", "x"))))
                .extracting(ChannelFieldError::field)
                .containsExactly("headers");
    }

    @Test
    void emailChecksEachField() {
        Map<String, String> mail = new HashMap<>(Map.of(
                "host",
                "smtp.example.org",
                "port",
                "587",
                "security",
                "starttls",
                "username",
                "ops",
                "password",
                "pw",
                "from",
                "infradash@example.org",
                "to",
                "a@example.org, b@example.org"));
        assertThat(validator.check(input("mail", "email", mail), null).fields()).containsEntry("port", "587");
        mail.put("security", "tls");
        assertThat(errors(validator, input("mail", "email", mail)))
                .extracting(ChannelFieldError::field)
                .containsExactly("port");
        mail.put("security", "starttls");
        mail.put("to", "a@example.org\nBcc: x@y.z");
        mail.put("host", "smtp.example.org:25");
        assertThat(errors(validator, input("mail", "email", mail)))
                .extracting(ChannelFieldError::field)
                .containsExactlyInAnyOrder("to");
        mail.put("to", "ops@example.org");
        assertThat(errors(validator, input("mail", "email", mail)))
                .extracting(ChannelFieldError::field)
                .containsExactly("host");
    }

    @Test
    void aBlankOrMaskedSecretKeepsTheStoredOneAndAnEditCannotChangeTheType() {
        Channel stored = new Channel(
                "aaa", "tg", ChannelType.TELEGRAM, Map.of("botToken", "123:abcdefghijklmnop", "chatId", "42"), "s");
        assertThat(validator
                        .check(input("tg", "telegram", Map.of("chatId", "43")), stored)
                        .fields())
                .containsEntry("botToken", "123:abcdefghijklmnop")
                .containsEntry("chatId", "43");
        assertThat(validator
                        .check(input("tg", "telegram", Map.of("botToken", Channel.MASK, "chatId", "43")), stored)
                        .fields())
                .containsEntry("botToken", "123:abcdefghijklmnop");
        assertThatThrownBy(() -> validator.check(input("tg", "webhook", Map.of("url", "https://x.org")), stored))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("type");
    }

    @Test
    void maskingHidesEverySecretInSettingsToStringAndScrubbedText() {
        Channel slack = new Channel(
                "aaa",
                "slack",
                ChannelType.SLACK,
                Map.of("url", "https://hooks.slack.com/services/T0/B0/SECRETPART"),
                "relaysecret");
        assertThat(slack.masked()).containsEntry("url", Channel.MASK);
        assertThat(slack.toString()).doesNotContain("SECRETPART");
        assertThat(slack.scrub("bad url https://hooks.slack.com/services/T0/B0/SECRETPART and relaysecret"))
                .doesNotContain("SECRETPART")
                .doesNotContain("relaysecret");
        Channel webhook = new Channel("bbb", "hook", ChannelType.WEBHOOK, Map.of("url", "https://x.org/h"), "r");
        assertThat(webhook.masked()).containsEntry("url", "https://x.org/h");
    }
}
