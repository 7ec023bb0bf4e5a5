package io.mandate.agent.instrumentation.http.common;

/**
 * {@link RequestTarget#of} for the URLs decided lately. Parsing a URL into its canonical target
 * (lower-casing scheme and host, resolving dot segments, building the string) was half of an HTTP
 * request's decision on the sending thread (an async-profiler profile of a loop of loopback GETs);
 * an application calls the same few endpoints again and again, often with the very same
 * {@code URI} and so the same string, whose hash is then already computed.
 *
 * Direct-mapped and shared by every thread: a slot holds one immutable entry, read and replaced
 * without locks (a reader that sees an older entry or none parses the URL again). The URLs kept
 * are ones the application holds itself; nothing here reaches the journal.
 */
final class RecentTargets {
    private static final int SLOTS = 256;

    private record Entry(String url, String target) {
    }

    private final Entry[] slots = new Entry[SLOTS];

    String targetOf(String url) {
        int hash = url.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && (entry.url == url || entry.url.equals(url))) {
            return entry.target;
        }
        String target = RequestTarget.of(url);
        slots[slot] = new Entry(url, target);
        return target;
    }
}
