package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.ModuleTransformer;
import io.mandate.agent.instrumentation.Transformations;
import io.mandate.agent.testing.ForwardingEnforcer;
import net.bytebuddy.agent.ByteBuddyAgent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The JDBC module installed once per test JVM with ByteBuddyAgent, as the agent installs it;
 * each test class points it at its own enforcer. Installing is the slow part (every loaded class
 * is matched), so test classes share it.
 */
final class InstalledJdbcAgent {
    static final List<Throwable> INTERNAL_ERRORS = new CopyOnWriteArrayList<>();
    static final List<String> TRANSFORM_ERRORS = new CopyOnWriteArrayList<>();
    static final List<String> TRANSFORMED = new CopyOnWriteArrayList<>();
    static final JdbcInstrumentationModule MODULE = new JdbcInstrumentationModule();

    private static volatile Enforcer current;
    private static boolean installed;

    private InstalledJdbcAgent() {
    }

    /** Installs the module (first call only) and routes its decisions to {@code enforcer}. */
    static synchronized void use(Enforcer enforcer) {
        current = enforcer;
        INTERNAL_ERRORS.clear();
        if (installed) {
            return;
        }
        AgentServices services = new AgentServices() {
            @Override
            public Enforcer enforcer() {
                return SWITCH;
            }

            @Override
            public void internalError(String where, Throwable error) {
                INTERNAL_ERRORS.add(error);
            }
        };
        Transformations rules = new Transformations();
        MODULE.install(rules, services);
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        // as the agent does, with its own classes the JDBC tests' concern: JDK loaders hold no driver
        ModuleTransformer.IgnoredTypes jdk = (name, loader) -> loader == null || loader == platform;
        new ModuleTransformer(List.of(rules), jdk, ModuleTransformer.TypePools.UNSHARED,
                new ModuleTransformer.Listener() {
                    @Override
                    public void transformed(String typeName, boolean loaded) {
                        TRANSFORMED.add(typeName);
                    }

                    @Override
                    public void failed(String typeName, Throwable error) {
                        TRANSFORM_ERRORS.add(typeName + ": " + error);
                    }
                }).installOn(ByteBuddyAgent.install());
        installed = true;
    }

    /** Delegates to the enforcer of the running test class. */
    private static final Enforcer SWITCH = new ForwardingEnforcer() {
        @Override
        protected Enforcer delegate() {
            return current;
        }
    };
}
