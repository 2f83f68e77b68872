package dev.infradash.alerting;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a channel as typed (REST body or form) and merges it with the stored one: a secret left
 * blank keeps the stored value. Everything that ends up in Alertmanager's file or in an HTTP
 * header is bounded and one line; URLs are http or https only. Every error names its field.
 */
final class ChannelValidator {

    static final int MAX_VALUE = 2048;
    static final int MAX_NAME = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,\"';]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern BOT_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{10,100}");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,256}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");

    /** A channel as submitted: the type by its id, the fields as typed. */
    record Input(String name, String type, Map<String, String> fields) {
        Input {
            fields = Map.copyOf(fields);
        }
    }

    /** The checked channel's name, type and merged fields. */
    record Checked(String name, ChannelType type, Map<String, String> fields) {}

    /**
     * @param stored the channel being edited (its secrets fill blank secret fields), or null for a new one
     * @throws InvalidChannelException naming every field that is wrong; nothing is written then
     */
    Checked check(Input input, @Nullable Channel stored) {
        List<ChannelFieldError> errors = new ArrayList<>();
        String name = input.name().strip();
        if (name.isEmpty()) errors.add(new ChannelFieldError("name", "Enter a name"));
        else if (name.length() > MAX_NAME)
            errors.add(new ChannelFieldError("name", "At most " + MAX_NAME + " characters"));
        else if (!NAME.matcher(name).matches())
            errors.add(new ChannelFieldError(
                    "name", "Letters, digits, spaces, '.', '_' and '-' only, starting with a letter or digit"));
        Optional<ChannelType> type = ChannelType.of(input.type());
        if (type.isEmpty()) {
            errors.add(new ChannelFieldError(
                    "type", "Choose one of webhook, email, slack, discord, telegram, ntfy, gotify"));
            throw new InvalidChannelException(errors);
        }
        if (stored != null && stored.type() != type.get()) {
            errors.add(new ChannelFieldError("type", "The type cannot change; add a new channel instead"));
        }
        ChannelType kind = type.get();
        for (String field : input.fields().keySet()) {
            if (!kind.fields().contains(field)) {
                errors.add(new ChannelFieldError(field, "Not a field of a " + kind.id() + " channel"));
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : kind.fields()) {
            String value = input.fields().getOrDefault(field, "");
            value = value == null ? "" : value.strip();
            if (kind.isSecret(field) && (value.isEmpty() || value.equals(Channel.MASK)) && stored != null) {
                value = stored.field(field); // blank (or the mask sent back) keeps the stored secret
            } else if (value.length() > MAX_VALUE) {
                errors.add(new ChannelFieldError(field, "At most " + MAX_VALUE + " characters"));
                continue;
            } else if (CONTROL.matcher(value).find()) {
                errors.add(new ChannelFieldError(field, "Must be one line, without control characters"));
                continue;
            }
            fields.put(field, value);
        }
        if (errors.isEmpty()) checkType(kind, fields, errors);
        if (!errors.isEmpty()) throw new InvalidChannelException(errors);
        return new Checked(name, kind, fields);
    }

    private static void checkType(ChannelType kind, Map<String, String> f, List<ChannelFieldError> errors) {
        switch (kind) {
            case WEBHOOK, SLACK, DISCORD -> url("url", f.get("url"), errors);
            case NTFY -> {
                url("serverUrl", f.get("serverUrl"), errors);
                matches("topic", f.get("topic"), TOPIC, true, "Letters, digits, '_' and '-' (at most 64)", errors);
                matches("token", f.get("token"), TOKEN, false, "An access token: no spaces or quotes", errors);
            }
            case GOTIFY -> {
                url("serverUrl", f.get("serverUrl"), errors);
                matches("appToken", f.get("appToken"), TOKEN, true, "The application token Gotify shows", errors);
            }
            case TELEGRAM -> {
                matches(
                        "botToken",
                        f.get("botToken"),
                        BOT_TOKEN,
                        true,
                        "A bot token as 123456:ABC-... from BotFather",
                        errors);
                matches("chatId", f.get("chatId"), CHAT_ID, true, "A numeric chat id, e.g. -1001234567890", errors);
                chatId(f.getOrDefault("chatId", ""), errors);
            }
            case EMAIL -> email(f, errors);
        }
    }

    /** Alertmanager reads it as a non-zero 64-bit integer. */
    private static void chatId(String value, List<ChannelFieldError> errors) {
        if (!CHAT_ID.matcher(value).matches()) return; // already reported
        try {
            if (Long.parseLong(value) == 0) errors.add(new ChannelFieldError("chatId", "A chat id is never 0"));
        } catch (NumberFormatException e) {
            errors.add(new ChannelFieldError("chatId", "Too large for a chat id"));
        }
    }

    private static void email(Map<String, String> f, List<ChannelFieldError> errors) {
        String host = f.getOrDefault("host", "");
        if (host.isEmpty()) errors.add(new ChannelFieldError("host", "Enter the SMTP server's host name"));
        else if (host.length() > 253 || !HOST.matcher(host).matches())
            errors.add(new ChannelFieldError("host", "A host name or IP address, without port or scheme"));
        String port = f.getOrDefault("port", "");
        int number = 0;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (number < 1 || number > 65535) errors.add(new ChannelFieldError("port", "A port from 1 to 65535"));
        String security = f.getOrDefault("security", "").toLowerCase(Locale.ROOT);
        switch (security) {
            case "starttls", "none" -> {}
            case "tls" -> {
                // Alertmanager 0.25 speaks implicit TLS only when the port is 465
                if (number != 465 && number != 0)
                    errors.add(new ChannelFieldError("port", "TLS (implicit) works on port 465 only; use STARTTLS"));
            }
            default -> errors.add(new ChannelFieldError("security", "Choose starttls, tls or none"));
        }
        f.put("security", security);
        String user = f.getOrDefault("username", "");
        if (user.length() > 256) errors.add(new ChannelFieldError("username", "At most 256 characters"));
        if (!user.isEmpty() && f.getOrDefault("password", "").isEmpty())
            errors.add(new ChannelFieldError("password", "Enter the password for this user"));
        if (!ADDRESS.matcher(f.getOrDefault("from", "")).matches())
            errors.add(new ChannelFieldError("from", "One email address, e.g. infradash@example.org"));
        String to = f.getOrDefault("to", "");
        List<String> recipients = List.of(to.split("\\s*,\\s*"));
        if (to.isEmpty()
                || recipients.size() > 20
                || !recipients.stream().allMatch(a -> ADDRESS.matcher(a).matches()))
            errors.add(new ChannelFieldError("to", "One or more email addresses separated by commas (at most 20)"));
    }

    private static void matches(
            String field,
            @Nullable String value,
            Pattern pattern,
            boolean required,
            String hint,
            List<ChannelFieldError> errors) {
        String text = value == null ? "" : value;
        if (text.isEmpty()) {
            if (required) errors.add(new ChannelFieldError(field, "Required. " + hint));
        } else if (!pattern.matcher(text).matches()) {
            errors.add(new ChannelFieldError(field, hint));
        }
    }

    /** http or https, with a host; nothing else (no file:, gopher:, javascript:, no spaces). */
    static void url(String field, @Nullable String value, List<ChannelFieldError> errors) {
        String text = value == null ? "" : value;
        if (text.isEmpty()) {
            errors.add(new ChannelFieldError(field, "Enter a URL, e.g. https://hooks.example.org/..."));
            return;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                errors.add(new ChannelFieldError(field, "Only http:// and https:// URLs are allowed"));
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                errors.add(new ChannelFieldError(field, "The URL needs a host, e.g. https://ntfy.sh"));
            }
        } catch (URISyntaxException e) {
            errors.add(new ChannelFieldError(field, "Not a valid URL (spaces or quotes must be %-encoded)"));
        }
    }
}
