package io.mandate.agent.startup;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentTypeFilterTest {
    private final ClassLoader agentLoader = new URLClassLoader(new URL[0], null);
    private final ClassLoader appLoader = ClassLoader.getSystemClassLoader();
    private final AgentTypeFilter filter = new AgentTypeFilter(agentLoader, List.of("java.util.concurrent.", "sun.nio.ch."));

    @Test
    void jdkClassesAreCandidatesOnlyInThePackagesAModuleInstruments() {
        assertFalse(filter.ignores("java.util.concurrent.ThreadPoolExecutor", null));
        assertFalse(filter.ignores("sun.nio.ch.SocketChannelImpl", null));
        assertTrue(filter.ignores("java.util.HashMap", null));
        assertTrue(filter.ignores("java.sql.Timestamp", ClassLoader.getPlatformClassLoader()));
    }

    @Test
    void applicationClassesStayCandidatesWhateverTheirPackage() {
        assertFalse(filter.ignores("com.acme.Driver", appLoader));
        assertFalse(filter.ignores("java.util.HashMapLookalike", appLoader), "only the JDK's loaders hold JDK classes");
        assertFalse(filter.ignores("io.mandate.samples.support.SupportBot", appLoader));
    }

    @Test
    void theAgentAndByteBuddyAreNeverCandidates() {
        assertTrue(filter.ignores("io.mandate.agent.startup.AgentStarter", appLoader));
        assertTrue(filter.ignores("net.bytebuddy.ByteBuddy", appLoader));
        assertTrue(filter.ignores("com.acme.Anything", agentLoader));
    }
}
