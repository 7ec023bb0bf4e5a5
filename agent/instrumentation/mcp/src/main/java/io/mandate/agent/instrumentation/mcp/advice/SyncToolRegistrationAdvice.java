package io.mandate.agent.instrumentation.mcp.advice;

import io.mandate.bootstrap.tools.ToolHandlers;
import io.modelcontextprotocol.server.McpServerFeatures;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.function.BiFunction;

/**
 * Inlined into {@code McpServerFeatures.AsyncToolSpecification.fromSync(SyncToolSpecification, ..)}, where
 * a server turns every synchronous tool it is given (at build time or added later) into the asynchronous
 * form it runs: the specification is replaced by one whose handler runs as a served tool
 * ({@link ToolHandlers}): a step named after the tool, in a child chain of the caller's when called inside
 * another agent's tool step.
 */
public final class SyncToolRegistrationAdvice {
    private SyncToolRegistrationAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see the SDK's types.
    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object specification) {
        McpServerFeatures.SyncToolSpecification sync = (McpServerFeatures.SyncToolSpecification) specification;
        BiFunction served = ToolHandlers.wrap(sync.tool().name(), sync.callHandler());
        if (served != sync.callHandler()) {
            specification = new McpServerFeatures.SyncToolSpecification(sync.tool(), served);
        }
    }
}
