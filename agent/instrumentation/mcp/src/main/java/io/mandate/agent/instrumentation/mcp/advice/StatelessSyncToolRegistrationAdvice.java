package io.mandate.agent.instrumentation.mcp.advice;

import io.mandate.bootstrap.tools.ToolHandlers;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.function.BiFunction;

/**
 * {@link SyncToolRegistrationAdvice} for a stateless server:
 * {@code McpStatelessServerFeatures.AsyncToolSpecification.fromSync(SyncToolSpecification, ..)}.
 */
public final class StatelessSyncToolRegistrationAdvice {
    private StatelessSyncToolRegistrationAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see the SDK's types.
    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object specification) {
        McpStatelessServerFeatures.SyncToolSpecification sync = (McpStatelessServerFeatures.SyncToolSpecification) specification;
        BiFunction served = ToolHandlers.wrap(sync.tool().name(), sync.callHandler());
        if (served != sync.callHandler()) {
            specification = new McpStatelessServerFeatures.SyncToolSpecification(sync.tool(), served);
        }
    }
}
