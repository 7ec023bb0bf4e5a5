package io.mandate.agent.instrumentation.springai.advice;

import io.mandate.api.Step;
import io.mandate.bootstrap.tools.ToolSteps;
import net.bytebuddy.asm.Advice;
import org.springframework.ai.tool.ToolCallback;

/**
 * Inlined into {@code call(String)} and {@code call(String, ToolContext)} of every ToolCallback
 * implementation: the tool's execution is a step named after its definition's name, with the
 * digest of the tool input the model produced; the result or the exception closes it.
 */
public final class ToolCallAdvice {
    private ToolCallAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see Spring AI's types.
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Step enter(@Advice.This Object callback, @Advice.Argument(0) String toolInput) {
        return ToolSteps.open(((ToolCallback) callback).getToolDefinition().name(), toolInput);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Step step, @Advice.Thrown Throwable thrown) {
        ToolSteps.close(step, thrown);
    }
}
