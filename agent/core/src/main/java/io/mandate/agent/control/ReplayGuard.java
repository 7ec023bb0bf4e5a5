package io.mandate.agent.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a signed command seen before, or issued too long ago (or too far in the future): a signed
 * command can then only be used once, within {@link #WINDOW_MILLIS} of being signed. Nonces are
 * remembered while their command could still be accepted, and at most {@link #MAX_REMEMBERED}:
 * beyond that, signed commands are refused until older nonces expire, rather than forgetting a
 * nonce that could still be replayed.
 */
final class ReplayGuard {
    static final long WINDOW_MILLIS = 120_000;
    static final int MAX_REMEMBERED = 10_000;

    /** nonce → when it stops mattering (its issue time + window), in arrival order. */
    private final Map<String, Long> seen = new LinkedHashMap<>();

    /** Null when the command may run (its nonce is now used up), else why not. */
    synchronized String admit(String nonce, long issuedAtMillis, long nowMillis) {
        if (nonce.length() < 16) {
            return "the command carries no nonce of at least 16 characters";
        }
        if (Math.abs(nowMillis - issuedAtMillis) > WINDOW_MILLIS) {
            return "the command was issued " + (nowMillis - issuedAtMillis) / 1000 + " s ago; signed commands are valid for "
                    + WINDOW_MILLIS / 1000 + " s";
        }
        forgetExpired(nowMillis);
        if (seen.containsKey(nonce)) {
            return "the command was already received once (replayed)";
        }
        if (seen.size() >= MAX_REMEMBERED) {
            return "more than " + MAX_REMEMBERED + " signed commands within " + WINDOW_MILLIS / 1000 + " s; try again later";
        }
        seen.put(nonce, issuedAtMillis + WINDOW_MILLIS);
        return null;
    }

    private void forgetExpired(long nowMillis) {
        seen.values().removeIf(expiry -> expiry < nowMillis);
    }
}
