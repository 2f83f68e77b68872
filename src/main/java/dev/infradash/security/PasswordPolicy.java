package dev.infradash.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/** What a password must look like, and how the first admin's password is made. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    /** BCrypt reads only the first 72 bytes; Spring refuses longer input rather than truncate it. */
    static final int MAX_BYTES = 72;

    private static final int GENERATED_LENGTH = 24;
    /** No 0/O, 1/l/I: the generated password is read off a log and typed by hand. */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private PasswordPolicy() {}

    /** Why the password is refused, or null when it is acceptable. */
    static @Nullable String problem(@Nullable String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "A password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "A password may have at most " + MAX_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    /** 24 characters of a 57-letter alphabet: about 140 bits. */
    static String generate(SecureRandom random) {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }
}
