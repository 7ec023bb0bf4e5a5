package io.mandate.bootstrap.meter;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.nio.ByteBuffer;

/**
 * The static entry points of byte-counting advice: the read methods of response body streams, and
 * the read and write methods of file streams and channels. Owns the re-entrancy protocol, so a read
 * counts once however the stream's read methods call each other ({@code read(byte[])} calling
 * {@code read(byte[], int, int)}) and nothing the agent reads or writes itself is counted: the
 * outermost read of a thread that is not inside a decided call counts, with the guard held until its
 * exit advice. When nothing is metered, advice costs one volatile read and the hooks' answer to
 * {@link ByteMeterHooks#meters}, and the guard is not touched.
 *
 * A read's denial is returned from exit advice, after the guard was left, for the advice to throw:
 * the read's bytes are already in the caller's buffer, but the caller gets an exception instead of
 * the count. A write is charged before it runs ({@link #beforeWrite}), so a denied write writes
 * nothing. Each meter has its own hooks: the HTTP modules install the response meter, the file
 * module the file meters.
 */
public final class ByteMeterDispatch {
    /** Bytes of an HTTP response body the application reads: {@code limit http bytes}. */
    public static final int HTTP_RESPONSE = 0;
    /** Bytes the application reads from a file it opened by name: {@code limit file bytes-read}. */
    public static final int FILE_READ = 1;
    /** Bytes the application writes to a file it opened by name: {@code limit file bytes-written}. */
    public static final int FILE_WRITTEN = 2;

    /** Returned by {@link #enter}: not counted, the guard was not entered. */
    public static final int NOT_METERED = 0;
    public static final int OUTERMOST = 1;
    public static final int NESTED = 2;

    private static volatile ByteMeterHooks responses = ByteMeterHooks.NONE;
    private static volatile ByteMeterHooks files = ByteMeterHooks.NONE;

    private ByteMeterDispatch() {
    }

    /** Installs the hooks of {@code meter}'s family: {@link #HTTP_RESPONSE}, or both file meters. */
    public static void install(int meter, ByteMeterHooks installed) {
        ByteMeterHooks hooks = installed == null ? ByteMeterHooks.NONE : installed;
        if (meter == HTTP_RESPONSE) {
            responses = hooks;
        } else {
            files = hooks;
        }
    }

    public static void uninstall(int meter) {
        install(meter, null);
    }

    private static ByteMeterHooks hooks(int meter) {
        return meter == HTTP_RESPONSE ? responses : files;
    }

    /** True when {@code meter} counts anything now: lets advice skip work it would do only to be counted. */
    public static boolean metered(int meter) {
        try {
            return hooks(meter).meters(meter);
        } catch (Throwable ignored) {
            return false;
        }
    }

    /** Enter advice of a metered read: one of {@link #NOT_METERED}, {@link #OUTERMOST}, {@link #NESTED}. */
    public static int enter(int meter) {
        if (!metered(meter)) {
            return NOT_METERED;
        }
        return CallGuard.enter() ? OUTERMOST : NESTED;
    }

    /**
     * Enter advice of a metered write of {@code bytes} to {@code target}, charged before a byte is
     * written. Returns the Throwable to throw instead of writing (the guard is left), or null.
     */
    public static Throwable beforeWrite(int meter, long bytes, Object target) {
        if (bytes <= 0 || !metered(meter)) {
            return null;
        }
        try {
            return CallGuard.enter() ? hooks(meter).charge(meter, bytes, target) : null;
        } catch (Throwable ignored) {
            return null;
        } finally {
            CallGuard.exit();
        }
    }

    /**
     * Enter advice of a method that hands {@code bytes} to the application's consumer on a thread of the
     * client's own (an asynchronous client's I/O thread), charged in {@code chain}, the chain the
     * exchange was started in (null: the thread's own), before they are handed over. Returns the
     * Throwable to throw instead of delivering them, or null.
     */
    public static Throwable beforeDelivery(ChainContext chain, int meter, long bytes, Object source) {
        if (bytes <= 0 || !metered(meter)) {
            return null;
        }
        ChainContext previous = chain == null ? null : ContextHolder.attach(chain);
        try {
            return CallGuard.enter() ? hooks(meter).charge(meter, bytes, source) : null;
        } catch (Throwable ignored) {
            return null;
        } finally {
            CallGuard.exit();
            if (chain != null) {
                ContextHolder.restore(previous);
            }
        }
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
            return entered == OUTERMOST && bytes > 0 ? hooks(meter).charge(meter, bytes, source) : null;
        } catch (Throwable ignored) {
            return null;
        } finally {
            CallGuard.exit();
        }
    }

    /** The bytes a gathering write will write: what remains in {@code buffers[offset, offset + length)}. */
    public static long remaining(ByteBuffer[] buffers, int offset, int length) {
        if (buffers == null || offset < 0 || length < 0 || offset > buffers.length - length) {
            return 0; // the channel refuses it itself
        }
        long bytes = 0;
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i] != null) {
                bytes += buffers[i].remaining();
            }
        }
        return bytes;
    }

    /** Loads the bridge classes now, so the first read never loads them from inside a JDK class. */
    public static void preload() {
        exit(enter(HTTP_RESPONSE), HTTP_RESPONSE, 0, null);
        exit(enter(FILE_READ), FILE_READ, 0, null);
        beforeWrite(FILE_WRITTEN, 0, null);
        remaining(null, 0, 0);
        beforeDelivery(null, HTTP_RESPONSE, 0, null);
    }
}
