package io.mandate.bootstrap.lineage;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

/**
 * The lineage header of outgoing HTTP requests. The shared HTTP enforcement reports each request it
 * decides on a thread ({@link #decided}); the advice that writes the client's request headers asks,
 * right after, on the same thread, what to do with the header ({@link #headerFor}). So the header
 * only goes on a request the policy let through, in a chain, and the client advice never decides
 * anything itself.
 *
 * Boot-visible (advice inlined into JDK and client classes calls it); the signer lives in the agent
 * class loader.
 */
public final class OutgoingLineage {
    /** The request header that carries a chain's signed lineage to another process. */
    public static final String HEADER = "Mandate-Lineage";
    /** {@link #headerFor} answer: remove the header (a request the policy denied may not carry one). */
    public static final String STRIP = "";

    /** Makes the header value for a context; implemented in the agent loader, never throws. */
    public interface Signer {
        /** The signed header for {@code context}, or null when none can be made. */
        String header(ChainContext context);
    }

    /** The last request decided on a thread and whether it was allowed. */
    private static final class Decided {
        String url;
        boolean allowed;
    }

    private static final ThreadLocal<Decided> LAST = new ThreadLocal<>() {
        @Override
        protected Decided initialValue() {
            return new Decided();
        }
    };
    private static volatile Signer signer;

    private OutgoingLineage() {
    }

    public static void install(Signer installed) {
        signer = installed;
    }

    public static void uninstall() {
        signer = null;
    }

    /**
     * Called by the HTTP enforcement for every request it decides on the calling thread.
     *
     * @param url     the URL as the client advice handed it to the enforcement
     * @param allowed true for ALLOW and FLAG; false for a DENY, sent or not (audit mode sends it)
     */
    public static void decided(String url, boolean allowed) {
        if (signer == null) {
            return;
        }
        Decided last = LAST.get();
        last.url = url;
        last.allowed = allowed;
    }

    /**
     * What the advice writing the request to {@code url} does with the header: a value to set (the
     * request was the last one decided on this thread, allowed, in a chain), {@link #STRIP} (it was
     * decided and denied), or null to leave the headers alone (not decided here, or outside any chain).
     * Each decision is answered once.
     */
    public static String headerFor(String url) {
        Signer current = signer;
        if (current == null || url == null) {
            return null;
        }
        Decided last = LAST.get();
        if (last.url == null || !last.url.equals(url)) {
            return null;
        }
        last.url = null;
        if (!last.allowed) {
            return STRIP;
        }
        ChainContext context = ContextHolder.current();
        if (context == null) {
            return null;
        }
        CallGuard.enter(); // signing is agent work, never a call to decide
        try {
            return current.header(context);
        } catch (Throwable ignored) {
            return null; // the request goes without lineage rather than not at all
        } finally {
            CallGuard.exit();
        }
    }

    /** Loads these classes now, so no request loads them from inside a JDK class. */
    public static void preload() {
        decided(null, false);
        headerFor(null);
    }
}
