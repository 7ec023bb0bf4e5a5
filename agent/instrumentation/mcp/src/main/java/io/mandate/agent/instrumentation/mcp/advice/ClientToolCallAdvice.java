package io.mandate.agent.instrumentation.mcp.advice;

import io.mandate.api.Step;
import io.mandate.bootstrap.tools.ToolSteps;
import io.modelcontextprotocol.spec.McpSchema;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code McpSyncClient.callTool(CallToolRequest)}: the call is a step named after the tool it
 * asks the server for, with the digest of its arguments (the map's text, never in the journal itself); the
 * result or the exception closes it.
 */
public final class ClientToolCallAdvice {
    private ClientToolCallAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see the SDK's types.
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Step enter(@Advice.Argument(0) Object request) {
        McpSchema.CallToolRequest call = (McpSchema.CallToolRequest) request;
        return ToolSteps.open(call.name(), String.valueOf(call.arguments()));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Step step, @Advice.Thrown Throwable thrown) {
        ToolSteps.close(step, thrown);
    }
}
