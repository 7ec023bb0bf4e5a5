package io.mandate.bootstrap.meter;

/**
 * What byte-counting advice (inlined into the read methods of response body streams) calls into:
 * implemented inside the isolated agent class loader. Boot-visible, so JDK types only.
 *
 * Implementations never throw: a read that must be stopped is answered with the exception to throw.
 */
public interface ByteMeterHooks {
    /** True when the policy limits the bytes of {@code meter}: reads are not counted otherwise. */
    boolean meters(int meter);

    /**
     * {@code bytes} of {@code meter} were just read on this thread, from {@code source} (what the
     * advice knows of the stream: a connection, a URL, or null).
     *
     * @return the Throwable to fail the read with (a limit exceeded in enforce mode), or null
     */
    Throwable charge(int meter, long bytes, Object source);

    /** Counts nothing: the state before install and after uninstall. */
    ByteMeterHooks NONE = new ByteMeterHooks() {
        @Override public boolean meters(int meter) { return false; }

        @Override public Throwable charge(int meter, long bytes, Object source) { return null; }
    };
}
