package io.mandate.bootstrap.lineage;

/**
 * Where server advice (a JDK {@code HttpServer} filter chain, a servlet's service or filter chain)
 * hands an incoming request's lineage header: the receiver verifies it and, when it is trusted,
 * makes the request's work a chain continued from the sender's for as long as the outermost handling
 * lasts. Nested handling of the same request (filters calling the next filter, a filter chain
 * calling the servlet) is counted per thread and left alone.
 *
 * Anything thrown by the receiver is swallowed: the request is the application's.
 */
public final class IncomingLineage {
    /** Implemented in the agent loader; never throws. */
    public interface Receiver {
        /**
         * An outermost request handling begins on this thread.
         *
         * @param header the lineage header's value, or null when the request has none
         * @return what ends it when the handling is over (restores the thread's context), or null
         *         when nothing was done
         */
        Runnable begin(String header, String method, String target);
    }

    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };
    private static volatile Receiver receiver;

    private IncomingLineage() {
    }

    public static void install(Receiver installed) {
        receiver = installed;
    }

    public static void uninstall() {
        receiver = null;
    }

    /** Enter advice: every call must be paired with one {@link #exit} of what it returned. */
    public static Object enter(String header, String method, String target) {
        int[] depth = DEPTH.get();
        if (depth[0]++ > 0) {
            return null;
        }
        Receiver current = receiver;
        if (current == null) {
            return null;
        }
        try {
            return current.begin(header, method, target);
        } catch (Throwable ignored) {
            return null;
        }
    }

    /** Exit advice, normal or exceptional. */
    public static void exit(Object handling) {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            depth[0]--;
        }
        if (handling instanceof Runnable) {
            try {
                ((Runnable) handling).run();
            } catch (Throwable ignored) {
                // the application's response stands
            }
        }
    }

    /** Loads these classes now, so no request loads them from inside a JDK class. */
    public static void preload() {
        exit(enter(null, null, null));
    }
}
