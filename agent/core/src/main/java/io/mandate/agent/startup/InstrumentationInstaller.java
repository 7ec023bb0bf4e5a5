package io.mandate.agent.startup;

import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.ModuleTransformer;
import io.mandate.agent.instrumentation.Transformations;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;


/**
 * Finds the instrumentation modules, lets each add its rules, and installs the one transformer that
 * applies them ({@link ModuleTransformer}): classes loaded from then on are transformed as they load,
 * classes already loaded (JDK classes at premain, the application at a late attach) are
 * retransformed. The agent's own classes, Byte Buddy, other agents and JDK machinery are never
 * matched ({@link AgentTypeFilter}). A module that fails to install adds no rule.
 */
final class InstrumentationInstaller {
    /** What was installed: the module names and the transformer to remove at detach. */
    static final class Installed {
        final List<InstrumentationModule> modules;
        final ModuleTransformer transformer;

        Installed(List<InstrumentationModule> modules, ModuleTransformer transformer) {
            this.modules = modules;
            this.transformer = transformer;
        }
    }

    private static final int MAX_PROVIDER_FAILURES = 16;

    private InstrumentationInstaller() {
    }

    static Installed install(Instrumentation instrumentation, ClassLoader agentLoader, AgentServices services,
                             InternalErrors errors, OnError onError, StartupTimer timer) {
        List<InstrumentationModule> found = modules(agentLoader, errors, onError);
        AgentTypeFilter filter = new AgentTypeFilter(agentLoader, instrumentedJdkPrefixes(found));
        List<InstrumentationModule> installed = new ArrayList<>();
        List<Transformations> rules = new ArrayList<>();
        for (InstrumentationModule module : found) {
            Transformations own = new Transformations();
            try {
                module.install(own, services);
                installed.add(module);
                rules.add(own);
            } catch (RuntimeException | LinkageError e) {
                if (onError == OnError.CLOSED) {
                    throw new IllegalStateException("instrumentation " + module.name() + " failed to install", e);
                }
                errors.report("installing instrumentation " + module.name() + " (left out: its calls are not decided)",
                        e);
            }
        }
        timer.phase("modules " + installed.size());
        ModuleTransformer transformer = new ModuleTransformer(rules, filter, new SharedJdkTypePool(),
                new TransformationErrors(errors));
        transformer.installOn(instrumentation);
        timer.phase("retransformation");
        return new Installed(List.copyOf(installed), transformer);
    }

    private static List<String> instrumentedJdkPrefixes(List<InstrumentationModule> modules) {
        List<String> prefixes = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            prefixes.addAll(module.jdkClassPrefixes());
        }
        return prefixes;
    }

    private static List<InstrumentationModule> modules(ClassLoader agentLoader, InternalErrors errors,
                                                       OnError onError) {
        List<InstrumentationModule> modules = new ArrayList<>();
        var found = ServiceLoader.load(InstrumentationModule.class, agentLoader).iterator();
        // a provider that fails is skipped by the iterator; the bound only guards against one that fails forever
        for (int failures = 0; failures < MAX_PROVIDER_FAILURES; ) {
            try {
                if (!found.hasNext()) {
                    return modules;
                }
                modules.add(found.next());
            } catch (ServiceConfigurationError e) {
                if (onError == OnError.CLOSED) {
                    throw e;
                }
                errors.report("loading an instrumentation module (left out: its calls are not decided)", e);
                failures++;
            }
        }
        return modules;
    }
}
