package io.mandate.agent.instrumentation.langchain4j.advice;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.mandate.api.Step;
import io.mandate.bootstrap.tools.ToolSteps;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code execute(ToolExecutionRequest, Object)} and
 * {@code executeWithContext(ToolExecutionRequest, InvocationContext)} of every ToolExecutor: the tool's
 * execution is a step named after the tool the model asked for, with the digest of the arguments it
 * produced; the result or the exception closes it. {@code executeWithContext} delegating to
 * {@code execute} is the same execution and one step ({@link ToolSteps}).
 */
public final class ToolExecutionAdvice {
    private ToolExecutionAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see LangChain4j's types.
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Step enter(@Advice.Argument(0) Object request) {
        ToolExecutionRequest tool = (ToolExecutionRequest) request;
        return ToolSteps.open(tool.name(), tool.arguments());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Step step, @Advice.Thrown Throwable thrown) {
        ToolSteps.close(step, thrown);
    }
}
