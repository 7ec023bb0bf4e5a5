package io.mandate.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's process id, read once. On Linux it is the target of /proc/self (procfs is mounted
 * for the JVM's own pid namespace wherever the JDK's attach tools work): the first
 * {@code ProcessHandle.current()} initialises ProcessHandleImpl, which creates the JDK's process
 * reaper executor and so loads ThreadPoolExecutor at premain, a class the agent must then
 * retransform (docs/architecture.md, start-up time). Elsewhere, or if /proc is not mounted,
 * ProcessHandle answers.
 */
public final class ProcessId {
    private static final long PID = read();

    private ProcessId() {
    }

    public static long current() {
        return PID;
    }

    private static long read() {
        try {
            Path self = Path.of("/proc/self");
            if (Files.isSymbolicLink(self)) {
                return Long.parseLong(Files.readSymbolicLink(self).toString());
            }
        } catch (Exception e) {
            // not Linux, or no procfs: ask the JDK
        }
        return ProcessHandle.current().pid();
    }
}
