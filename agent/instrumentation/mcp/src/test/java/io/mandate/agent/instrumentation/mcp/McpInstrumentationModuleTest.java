package io.mandate.agent.instrumentation.mcp;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The matchers against the SDK's real classes (the oldest supported line, the module's compile
 * dependency): the methods the advice is written for are found by their shape, exactly once.
 */
class McpInstrumentationModuleTest {
    private static final TypePool POOL = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(McpInstrumentationModuleTest.class.getClassLoader()));

    private static MethodList<MethodDescription.InDefinedShape> matching(String type,
            net.bytebuddy.matcher.ElementMatcher<? super MethodDescription.InDefinedShape> methods) {
        TypeDescription description = POOL.describe(type).resolve();
        return description.getDeclaredMethods().filter(methods);
    }

    @Test
    void theSyncClientsCallToolIsFound() {
        assertEquals(1, matching(McpInstrumentationModule.SYNC_CLIENT, McpInstrumentationModule.clientToolCalls()).size());
    }

    @Test
    void bothFromSyncOverloadsOfBothServerFlavoursAreFound() {
        assertEquals(2, matching(McpInstrumentationModule.ASYNC_TOOL_SPECIFICATION,
                McpInstrumentationModule.syncToolRegistrations(McpInstrumentationModule.SYNC_TOOL_SPECIFICATION)).size());
        assertEquals(2, matching(McpInstrumentationModule.STATELESS_ASYNC_TOOL_SPECIFICATION,
                McpInstrumentationModule.syncToolRegistrations(McpInstrumentationModule.STATELESS_SYNC_TOOL_SPECIFICATION)).size());
    }
}
