package io.mandate.it.agent;

import com.sun.tools.attach.VirtualMachine;
import io.mandate.it.apps.Observations;
import io.mandate.it.support.AgentJvm;
import io.mandate.it.support.JvmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent attached to a running JVM (agentmain): it starts as with -javaagent, and a failed start
 * reports why and leaves the application running.
 */
class LateAttachTest {
    @Test
    void attachingToARunningJvmBridgesTheApi(@TempDir Path workDir) throws Exception {
        CompletableFuture<JvmResult> run = startWaitingApp(workDir, 60);

        attach(workDir, "mode=audit,agent=late-service,journal=" + workDir.resolve("journal"));

        JvmResult result = run.get(90, TimeUnit.SECONDS);
        result.assertSucceeded().assertStdoutEmpty();
        assertEquals("true", result.observation("attached"), result.describe());
        assertEquals("true", result.observation("chain.visible"));
        assertTrue(result.stderrLines().stream().anyMatch(line -> line.matches(
                "mandate \\S+: audit, no policy: .*, agent late-service, \\d+ instrumentations?, \\d+ ms")),
                result.describe());
    }

    @Test
    void aFailedAttachNeverStopsTheApplication(@TempDir Path workDir) throws Exception {
        CompletableFuture<JvmResult> run = startWaitingApp(workDir, 5);

        attach(workDir, "mode=strict");

        JvmResult result = run.get(90, TimeUnit.SECONDS);
        result.assertSucceeded().assertStdoutEmpty()
                .assertStderrContains("bad value 'strict' for mode")
                .assertStderrContains("the agent is not attached; the application runs on unchanged");
        assertEquals("false", result.observation("attached"));
    }

    private static CompletableFuture<JvmResult> startWaitingApp(Path workDir, int waitSeconds) {
        return CompletableFuture.supplyAsync(() -> AgentJvm.withoutAgent()
                .workDir(workDir)
                .jvmOption("-XX:+EnableDynamicAgentLoading") // what JDK 21+ asks of a JVM that accepts agents late
                .mainClass(LateAttachApp.class)
                .args(Integer.toString(waitSeconds), workDir.resolve("attach-returned").toString())
                .timeout(Duration.ofSeconds(80))
                .run());
    }

    private static void attach(Path workDir, String agentArguments) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(awaitPid(workDir.resolve("observations.txt")));
        try {
            vm.loadAgent(AgentJvm.agentJar().toString(), agentArguments);
        } finally {
            vm.detach();
            Files.createFile(workDir.resolve("attach-returned"));
        }
    }

    private static String awaitPid(Path observations) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Map.Entry<String, String>> seen = Observations.read(observations);
            for (Map.Entry<String, String> entry : seen) {
                if (entry.getKey().equals("pid")) {
                    return entry.getValue();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app never started: nothing in " + observations);
    }
}
