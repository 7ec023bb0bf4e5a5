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
}
