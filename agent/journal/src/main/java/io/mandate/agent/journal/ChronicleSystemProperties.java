package io.mandate.agent.journal;

/**
 * The system properties (and the JDK warning flag) that keep Chronicle quiet and local inside
 * someone else's JVM. The properties are
 * read in Chronicle's static initialisers, so {@link #apply()} must run before any Chronicle class
 * is initialised: every entry point of this module that touches Chronicle calls it first.
 */
final class ChronicleSystemProperties {
    /** Chronicle's analytics would contact an outside host and write a client id into user.home. */
    static final String ANALYTICS_DISABLE = "chronicle.analytics.disable";
    /** The disk-space monitor adds a polling thread to the host JVM and only logs. */
    static final String DISK_MONITOR_DISABLE = "chronicle.disk.monitor.disable";
    /** Where Chronicle Core looks for extra system properties (class path first, then a file). */
    static final String SYSTEM_PROPERTIES_FILE = "system.properties";
    static final String EMPTY_SYSTEM_PROPERTIES = "io/mandate/agent/journal/chronicle-system.properties";
    /** Whether Chronicle releases resources (a chunk the writer left is unmapped) on a thread of its own. */
    static final String BACKGROUND_RELEASER = "background.releaser";

    private ChronicleSystemProperties() {
    }

    static void apply() {
        UnsafeMemoryAccessWarning.markAsGiven();
        // forced, not defaulted: a security agent must not phone home whatever the host configured
        System.setProperty(ANALYTICS_DISABLE, "true");
        if (System.getProperty(DISK_MONITOR_DISABLE) == null) {
            System.setProperty(DISK_MONITOR_DISABLE, "true");
        }
        // left alone when the host set it: its own Chronicle (if any) depends on the same global property
        if (System.getProperty(SYSTEM_PROPERTIES_FILE) == null) {
            System.setProperty(SYSTEM_PROPERTIES_FILE, EMPTY_SYSTEM_PROPERTIES);
        }
    }

    /**
     * Initialises Chronicle's resource releaser ({@code releaser}, read once then) with background
     * release off, so that the journal's writer unmaps a chunk it left itself, at once:
     * <ul>
     *   <li>the releaser's thread waits on a blocking queue, and a thread that waits on a condition
     *   loads ForkJoinPool (AbstractQueuedSynchronizer blocks through it): started at premain, it
     *   made the agent retransform ForkJoinPool, the largest JDK class it advises, before
     *   {@code main};</li>
     *   <li>it is one more thread in the host, and chunks waited there to be unmapped, resident.</li>
     * </ul>
     * A value the host set is left as it is; otherwise the property is cleared again once the class
     * is initialised, so that a Chronicle of the application's own reads the host's configuration.
     */
    static void initialiseWithInlineRelease(String releaser, ClassLoader loader) throws ClassNotFoundException {
        boolean hostChose = System.getProperty(BACKGROUND_RELEASER) != null;
        if (!hostChose) {
            System.setProperty(BACKGROUND_RELEASER, "false");
        }
        try {
            Class.forName(releaser, true, loader);
        } finally {
            if (!hostChose) {
                System.clearProperty(BACKGROUND_RELEASER);
            }
        }
    }
}
