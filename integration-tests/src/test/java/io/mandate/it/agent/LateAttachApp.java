package io.mandate.it.agent;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.it.apps.Observations;

/**
 * Runs without the agent, announces its pid, and waits (bounded) for the agent to be attached;
 * then records whether the API is bridged and a chain opens, and stays alive until the file the
 * test creates once the attach returned exists. Arguments: seconds to wait, that file.
 *
 * It must not touch {@link Mandate} before the attach: a class the application already linked
 * stays its own copy, so waiting is done on the bridge class the attach puts on the boot class path.
 */
public final class LateAttachApp {
    private LateAttachApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        java.nio.file.Path attachReturned = java.nio.file.Path.of(args[1]);
        Observations.record("pid", ProcessHandle.current().pid());
        long deadline = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        while (!bridgeOnBootClassPath() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        while (bridgeOnBootClassPath() && !Mandate.agentAttached() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Observations.record("attached", bridgeOnBootClassPath() && Mandate.agentAttached());
        if (bridgeOnBootClassPath()) {
            try (Chain chain = Mandate.openChain("late-bot", "after attach", "")) {
                Observations.record("chain.visible", Mandate.current().isPresent());
            }
        }
        // exiting while the agent still starts would cut the attaching tool's connection
        while (!java.nio.file.Files.exists(attachReturned) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static boolean bridgeOnBootClassPath() {
        try {
            Class.forName("io.mandate.bootstrap.ContextHolder", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
