package io.mandate.agent.instrumentation.process.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The command line as the journal shows it: the executable as given, then each argument either
 * verbatim, when it is an option name that cannot carry a value ({@code -v}, {@code --verbose},
 * {@code --}), or as a digest {@code <arg:3f9a1c2b7d4e>}. {@code --name=value} keeps its name and
 * digests the value.
 *
 * Why digests rather than guessing which arguments are secret: tokens, passwords, connection URLs
 * with credentials and whole shell scripts ({@code sh -c "curl -H 'Authorization: ...'"}) are all
 * just arguments, and a redactor that misses one format writes the secret into an append-only
 * journal. Short single-dash clusters ({@code -pSECRET} is how mysql takes a password) are
 * digested for the same reason. Equal arguments get equal digests within one run of the agent, so a
 * reviewer can still see that two launches passed the same value.
 *
 * The digest is an HMAC-SHA-256 under a random key drawn when the agent starts and never written
 * anywhere: a plain hash of a short password could be reversed by trying candidates, a keyed one
 * cannot. The price is that digests do not compare across runs.
 */
public final class CommandLineDisplay {
    static final int MAX_ARGUMENTS_SHOWN = 64;
    static final int MAX_LENGTH = 4096;
    private static final int DIGEST_HEX_CHARS = 12;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;

    public CommandLineDisplay() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The journal text of {@code command} (executable first); never contains an argument that may carry a value. */
    public String display(String[] command) {
        StringBuilder s = new StringBuilder(command[0]);
        Mac mac = newMac();
        int shown = Math.min(command.length, MAX_ARGUMENTS_SHOWN + 1);
        for (int i = 1; i < shown && s.length() < MAX_LENGTH; i++) {
            s.append(' ');
            appendArgument(s, command[i], mac);
        }
        int left = command.length - shown;
        if (left > 0) {
            s.append(" ... (").append(left).append(" more arguments)");
        }
        return s.toString();
    }

    private void appendArgument(StringBuilder s, String argument, Mac mac) {
        if (isBareOption(argument, 0, argument.length())) {
            s.append(argument);
            return;
        }
        int equals = argument.indexOf('=');
        if (argument.startsWith("--") && equals > 2 && isBareOption(argument, 0, equals)) {
            s.append(argument, 0, equals + 1);
            appendDigest(s, argument.substring(equals + 1), mac);
            return;
        }
        appendDigest(s, argument, mac);
    }

    /** {@code --}, {@code -x} (one letter or digit), or {@code --long-name} in lower case. */
    static boolean isBareOption(String text, int start, int end) {
        int length = end - start;
        if (length < 2 || text.charAt(start) != '-') {
            return false;
        }
        if (text.charAt(start + 1) != '-') {
            return length == 2 && Character.isLetterOrDigit(text.charAt(start + 1)) && text.charAt(start + 1) < 128;
        }
        if (length == 2) {
            return true; // "--" ends the options
        }
        if (length > 42) {
            return false;
        }
        for (int i = start + 2; i < end; i++) {
            char c = text.charAt(i);
            boolean nameChar = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > start + 2;
            if (!nameChar) {
                return false;
            }
        }
        return true;
    }

    private void appendDigest(StringBuilder s, String value, Mac mac) {
        s.append("<arg:");
        if (mac == null) {
            s.append("redacted");
        } else {
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < DIGEST_HEX_CHARS / 2; i++) {
                s.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
            }
        }
        s.append('>');
    }

    /** A fresh MAC per command line (launches are rare and Mac is not thread-safe); null if the JDK has none. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
