package io.mandate.cli.attach;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import io.mandate.cli.control.AgentChannel;
import io.mandate.cli.control.AgentReconfiguration;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlSockets;

/**
 * The JVMs of this user on this host, without attaching to any: the attach API's list (read from
 * the JVMs' performance-data files), plus any process with a Mandate control socket that list
 * missed (a JVM started with -XX:-UsePerfData). Whether Mandate runs in one is asked over its
 * control socket, with a short timeout, so a hung JVM does not hold up the list.
 */
final class LocalJvms {
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

    private LocalJvms() {
    }

    static List<LocalJvm> list() {
        Map<Long, String> mainClasses = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid = parsePid(descriptor.id());
            if (pid > 0 && pid != self && ownedByMe(pid)) {
                mainClasses.put(pid, mainClassOf(descriptor.displayName()));
            }
        }
        for (long pid : socketPids()) {
            if (pid != self && ownedByMe(pid)) {
                mainClasses.putIfAbsent(pid, ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElse("?"));
            }
        }
        List<LocalJvm> jvms = new ArrayList<>();
        mainClasses.forEach((pid, mainClass) -> jvms.add(new LocalJvm(pid, mainClass, agentOf(pid))));
        return jvms;
    }

    /**
     * True when the attach API lists {@code pid}, or, for a JVM that keeps no performance data
     * (-XX:-UsePerfData, so the list misses it), when its executable is a {@code java} launcher.
     */
    static boolean looksLikeJvm(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (descriptor.id().equals(id)) {
                return true;
            }
        }
        return ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .map(command -> Path.of(command).getFileName().toString().startsWith("java"))
                .orElse(false);
    }

    private static LocalJvm.Agent agentOf(long pid) {
        if (AgentChannel.locate(pid).isEmpty()) {
            return null;
        }
        ControlMessage status = AgentReconfiguration.statusOrNull(AgentChannel.to(pid, null), STATUS_TIMEOUT);
        if (status == null) {
            return new LocalJvm.Agent("?", "", "", "");
        }
        return new LocalJvm.Agent(status.get("mode"), status.get("policyName"), status.get("policyHash"),
                status.get("version"));
    }

    /** The first word of the display name: the main class, or the jar of {@code java -jar}. */
    static String mainClassOf(String displayName) {
        String trimmed = displayName == null ? "" : displayName.trim();
        int space = trimmed.indexOf(' ');
        String first = space < 0 ? trimmed : trimmed.substring(0, space);
        return first.isEmpty() ? "?" : first;
    }

    private static boolean ownedByMe(long pid) {
        return ProcessOwner.of(pid).map(owner -> owner.equals(ProcessOwner.currentUser())).orElse(false);
    }

    private static List<Long> socketPids() {
        List<Long> pids = new ArrayList<>();
        Path directory = ControlSockets.forCurrentUser().directory();
        if (!Files.isDirectory(directory)) {
            return pids;
        }
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(directory)) {
            for (Path socket : sockets) {
                long pid = ControlSockets.pidOf(socket);
                if (pid > 0 && ProcessHandle.of(pid).isPresent()) {
                    pids.add(pid);
                }
            }
        } catch (IOException unreadable) {
            // the list of perf-data JVMs still stands
        }
        return pids;
    }

    private static long parsePid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
