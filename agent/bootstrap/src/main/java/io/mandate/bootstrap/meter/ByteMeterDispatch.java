package io.mandate.bootstrap.meter;

import io.mandate.bootstrap.CallGuard;

/**
 * The static entry points of byte-counting advice: a response body stream's read methods. Owns the
 * re-entrancy protocol, so a read counts once however the stream's read methods call each other
 * ({@code read(byte[])} calling {@code read(byte[], int, int)}) and nothing the agent reads itself
 * is counted: the outermost read of a thread that is not inside a decided call counts, with the
 * guard held until its exit advice. When the policy has no byte limit, advice costs one volatile
 * read and one policy lookup, and the guard is not touched.
 *
 * A denial is returned from exit advice, after the guard was left, for the advice to throw: the
 * read's bytes are already in the caller's buffer, but the caller gets an exception instead of
 * the count, and the stream is no further use to it.
 */
public final class ByteMeterDispatch {
    /** Bytes of an HTTP response body the application reads: {@code limit http bytes}. */
    public static final int HTTP_RESPONSE = 0;

    /** Returned by {@link #enter}: not counted, the guard was not entered. */
    public static final int NOT_METERED = 0;
    public static final int OUTERMOST = 1;
    public static final int NESTED = 2;

    private static volatile ByteMeterHooks hooks = ByteMeterHooks.NONE;

    private ByteMeterDispatch() {
    }

    public static void install(ByteMeterHooks installed) {
        hooks = installed == null ? ByteMeterHooks.NONE : installed;
    }

    public static void uninstall() {
        hooks = ByteMeterHooks.NONE;
    }

    /** Enter advice of a metered read: one of {@link #NOT_METERED}, {@link #OUTERMOST}, {@link #NESTED}. */
    public static int enter(int meter) {
        boolean metered;
        try {
            metered = hooks.meters(meter);
        } catch (Throwable ignored) {
            metered = false;
        }
        if (!metered) {
            return NOT_METERED;
        }
        return CallGuard.enter() ? OUTERMOST : NESTED;
    }

    /**
     * Exit advice of a metered read, with what it read ({@code bytes}; 0 or -1 when nothing, as at
     * the end of the stream or when it threw). Returns the Throwable to throw, or null.
     */
    public static Throwable exit(int entered, int meter, long bytes, Object source) {
        if (entered == NOT_METERED) {
            return null;
        }
        try {
            return entered == OUTERMOST && bytes > 0 ? hooks.charge(meter, bytes, source) : null;
        } catch (Throwable ignored) {
            return null;
        } finally {
            CallGuard.exit();
        }
    }

    /** Loads the bridge classes now, so the first read never loads them from inside a JDK class. */
    public static void preload() {
        exit(enter(HTTP_RESPONSE), HTTP_RESPONSE, 0, null);
    }
}
