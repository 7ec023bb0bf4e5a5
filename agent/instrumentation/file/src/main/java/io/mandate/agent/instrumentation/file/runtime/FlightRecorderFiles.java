package io.mandate.agent.instrumentation.file.runtime;

/**
 * The JVM's flight recorder (JFR) doing its own file work is never decided, like the JVM reading its
 * class path: creating its disk repository (a directory under java.io.tmpdir named after the time
 * and the pid), writing and deleting its chunks there, and the recording files operators ask for
 * ({@code -XX:StartFlightRecording:filename=}, {@code jcmd JFR.start} / {@code JFR.dump filename=}).
 * Decided, a default-deny policy stopped the JVM before {@code main} ("Unable to create JFR repository
 * directory", "Could not start recording") and made {@code jcmd JFR.start} fail.
 *
 * <p>Recognised by the calling stack: a frame of module {@code jdk.jfr} and no class of the
 * application's loaders, which is what JVM start-up, the attach listener and the recorder's own
 * threads look like. The application using the {@code jdk.jfr} API has its own frames on the stack
 * where a path is first touched ({@code Recording.setDestination} creates the file at once,
 * {@code dump} writes it) and is decided like any of its calls; a destination it was refused is
 * never written later, at stop or exit.
 *
 * <p>Asked only for calls the policy would deny: the stack walk costs microseconds.
 */
public final class FlightRecorderFiles {
    private static final StackWalker FRAMES = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String RECORDER_MODULE = "jdk.jfr";

    private final ClassLoader agentLoader;
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

    /** @param agentLoader the agent's class loader: its frames (the decision itself) are not the application's */
    public FlightRecorderFiles(ClassLoader agentLoader) {
        this.agentLoader = agentLoader;
    }

    /**
     * True when the flight recorder itself, with no application code on the stack, makes the call:
     * the stack holds a frame of the recorder and no class but the JDK's and the agent's.
     */
    public boolean recorderAtWork() {
        return FRAMES.walk(frames -> {
            boolean recorder = false;
            for (var iterator = frames.iterator(); iterator.hasNext(); ) {
                Class<?> type = iterator.next().getDeclaringClass();
                ClassLoader loader = type.getClassLoader();
                if (loader != null && loader != platformLoader && loader != agentLoader) {
                    return false;
                }
                recorder |= RECORDER_MODULE.equals(type.getModule().getName());
            }
            return recorder;
        });
    }
}
