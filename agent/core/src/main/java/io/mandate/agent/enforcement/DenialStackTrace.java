package io.mandate.agent.enforcement;

import java.util.Arrays;

/**
 * The stack trace a denial shows the application: starting at the intercepted method it called
 * (the driver's execute, the client's send, ProcessBuilder.start, the socket's connect), as a
 * refusal by the database, the network or the OS would, without the agent frames that built it.
 */
public final class DenialStackTrace {
    private static final String[] AGENT_PACKAGES = {"io.mandate.agent.", "io.mandate.bootstrap."};

    private DenialStackTrace() {
    }

    public static StackTraceElement[] fromTheInterceptedCallOn(StackTraceElement[] trace) {
        int first = 0;
        while (first < trace.length && isAgentFrame(trace[first])) {
            first++;
        }
        return first == trace.length ? trace : Arrays.copyOfRange(trace, first, trace.length);
    }

    private static boolean isAgentFrame(StackTraceElement frame) {
        String className = frame.getClassName();
        for (String agentPackage : AGENT_PACKAGES) {
            if (className.startsWith(agentPackage)) {
                return true;
            }
        }
        return false;
    }
}
