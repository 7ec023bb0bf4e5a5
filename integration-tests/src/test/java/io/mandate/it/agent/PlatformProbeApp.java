package io.mandate.it.agent;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.MandateContext;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

/**
 * Records what an application sees of the agent: whether the public API is bridged to the agent
 * (and served from the boot class path rather than the app's own copy), the contexts it opens, and
 * whether any agent internal is reachable from the application's class loader.
 * Arguments: class names to probe.
 */
public final class PlatformProbeApp {
    private PlatformProbeApp() {
    }

    public static void main(String[] args) {
        Observations.record("main", "ran");
        Observations.record("attached", Mandate.agentAttached());
        Observations.record("api.loader", Mandate.class.getClassLoader() == null ? "boot" : "app");
        for (String className : args) {
            Observations.record("class." + className, visibility(className));
        }
        // what the agent's libraries could leave behind in the host: a global setting, a thread
        Observations.record("property.background.releaser", System.getProperty("background.releaser", "unset"));
        Observations.record("thread.chronicleReleaser", Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("background~resource~releaser")));

        try (Chain chain = Mandate.openChain("probe-bot", "probe the platform", "alice")) {
            Observations.record("root.matches", !chain.id().isEmpty()
                    && Mandate.current().map(MandateContext::chainId).orElse("").equals(chain.id()));
            if (Mandate.current().isPresent()) {
                recordDelegation(chain);
            }
        }
        Observations.record("after.present", Mandate.current().isPresent());
    }

    private static void recordDelegation(Chain chain) {
        MandateContext root = Mandate.current().orElseThrow();
        Observations.record("root.agent", root.agent());
        Observations.record("root.depth", root.depth());
        try (Chain child = Mandate.delegate("helper-bot", "look something up");
             Step step = Mandate.openStep("lookup", Mandate.digest("42"))) {
            MandateContext inner = Mandate.current().orElseThrow();
            Observations.record("child.depth", inner.depth());
            Observations.record("child.parentIsRoot", inner.parentChainId().equals(chain.id()));
            Observations.record("child.agent", inner.agent());
            Observations.record("child.tool", inner.tool());
            Observations.record("child.stepMatches", inner.stepId().equals(step.id()));
            Observations.record("child.id", child.id());
        }
        Observations.record("root.restored", Mandate.current().map(MandateContext::chainId).orElse("")
                .equals(chain.id()));
        Observations.record("root.id", chain.id());
    }

    private static String visibility(String className) {
        try {
            Class<?> type = Class.forName(className, false, PlatformProbeApp.class.getClassLoader());
            return type.getClassLoader() == null ? "boot" : "app";
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
