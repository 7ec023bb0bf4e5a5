package io.mandate.agent.startup;

import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;


/**
 * Builds the one Byte Buddy agent all instrumentation modules add their transformations to, and
 * installs it. The central settings keep instrumentation safe in a running JVM:
 * <ul>
 *   <li>type descriptions come from class files through a type pool before any loaded class is
 *   asked, so matching never loads a class (the class-circularity trap of JDK instrumentation);</li>
 *   <li>no class format changes, so already loaded classes can be retransformed, and loaded classes
 *   are retransformed, so classes loaded before premain (JDK classes) and before a late attach are
 *   covered;</li>
 *   <li>the agent's own classes, Byte Buddy, other agents and JDK machinery are never matched.</li>
 * </ul>
 */
final class InstrumentationInstaller {
    /** What was installed: the module names and the transformer to remove at detach. */
    static final class Installed {
        final List<InstrumentationModule> modules;
        final ResettableClassFileTransformer transformer;

        Installed(List<InstrumentationModule> modules, ResettableClassFileTransformer transformer) {
            this.modules = modules;
            this.transformer = transformer;
        }
    }

    private static final int MAX_PROVIDER_FAILURES = 16;
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private InstrumentationInstaller() {
    }

    static Installed install(Instrumentation instrumentation, ClassLoader agentLoader, AgentServices services,
                             InternalErrors errors, OnError onError, StartupTimer timer) {
        List<InstrumentationModule> found = modules(agentLoader, errors, onError);
        AgentTypeFilter filter = new AgentTypeFilter(agentLoader, instrumentedJdkPrefixes(found));
        TransformationErrors listener = new TransformationErrors(errors);
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with((AgentBuilder.RedefinitionStrategy.Listener) listener)
                .with(new SkipIgnoredDescriptions(filter))
                .with(new SharedJdkTypePool())
                .with((AgentBuilder.Listener) listener)
                .ignore(filter);
        timer.phase("agent builder");

        List<InstrumentationModule> installed = new ArrayList<>();
        for (InstrumentationModule module : found) {
            try {
                builder = module.install(builder, services);
                installed.add(module);
            } catch (RuntimeException | LinkageError e) {
                if (onError == OnError.CLOSED) {
                    throw new IllegalStateException("instrumentation " + module.name() + " failed to install", e);
                }
                errors.report("installing instrumentation " + module.name() + " (left out: its calls are not decided)",
                        e);
            }
        }
        timer.phase("modules " + installed.size());
        ResettableClassFileTransformer transformer = builder.installOn(instrumentation);
        timer.phase("retransformation");
        return new Installed(List.copyOf(installed), transformer);
    }

    /**
     * Byte Buddy's Nexus serves types that initialise themselves after loading; with no class format
     * changes the agent never creates such types, yet initialising the Nexus accessor costs about a
     * quarter of a second of reflection at every start. Byte Buddy reads its switch once, when the
     * accessor class initialises (in the agent's own loader: an application's Byte Buddy is another
     * class and reads the property when it initialises, after it was restored).
     */
    private static AgentBuilder newAgentBuilder() {
        String previous = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy()
                    .with(TypeValidation.DISABLED)
                    .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                    .with(VisibilityBridgeStrategy.Default.NEVER)
                    .with(InstrumentedType.Factory.Default.FROZEN));
        } finally {
            if (previous == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, previous);
            }
        }
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
