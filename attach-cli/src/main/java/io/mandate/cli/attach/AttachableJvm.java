package io.mandate.cli.attach;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * A running JVM reached through the JDK's attach API (module {@code jdk.attach}), with its failures
 * turned into one line an operator can act on. Only touched after {@link AttachApi#check()}: a Java
 * runtime without that module cannot even load this class.
 */
final class AttachableJvm implements AutoCloseable {
    private final long pid;
    private final VirtualMachine vm;

    private AttachableJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    static AttachableJvm attach(long pid) {
        try {
            return new AttachableJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new AttachRefused("process " + pid + " does not accept the attach mechanism (" + e.getMessage()
                    + "): it may run with -XX:+DisableAttachMechanism, or not be a HotSpot JVM; start it with "
                    + "-javaagent:mandate-agent.jar instead");
        } catch (IOException e) {
            throw new AttachRefused("cannot attach to process " + pid + ": " + e.getMessage());
        }
    }

    Properties systemProperties() {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw new AttachRefused("process " + pid + " stopped answering the attach mechanism: " + e.getMessage());
        }
    }

    /** The target's own view of itself: JVM arguments ({@code sun.jvm.args}) and the like. */
    Properties agentProperties() {
        try {
            return vm.getAgentProperties();
        } catch (IOException e) {
            throw new AttachRefused("process " + pid + " stopped answering the attach mechanism: " + e.getMessage());
        }
    }

    /** Runs the agent jar's agentmain in the target; returns once it has (the agent starts synchronously). */
    void loadAgent(Path jar, String arguments) {
        try {
            vm.loadAgent(jar.toString(), arguments);
        } catch (AgentLoadException e) {
            String message = String.valueOf(e.getMessage());
            throw new AttachRefused("process " + pid + " did not load the agent: " + message
                    + (message.contains(DynamicAgentWarning.FLAG) ? "" : dynamicLoadingHint(message)));
        } catch (AgentInitializationException e) {
            throw new AttachRefused("the agent's agentmain failed in process " + pid + " (return value "
                    + e.returnValue() + "); its stderr says why");
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw new AttachRefused("loading the agent into process " + pid + " failed: " + message
                    + dynamicLoadingHint(message));
        }
    }

    private static String dynamicLoadingHint(String message) {
        // JDK 21+ started with -XX:-EnableDynamicAgentLoading refuses any agent loaded at run time
        return message.toLowerCase(java.util.Locale.ROOT).contains("dynamic")
                ? "; restart it with " + DynamicAgentWarning.FLAG + " or with -javaagent" : "";
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the target went away or closed the connection: nothing is left to release
        }
    }
}
