package io.mandate.agent.instrumentation.langchain4j.advice;

import io.mandate.bootstrap.tools.ServiceInvocations;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DefaultAiServices$1.invoke(Method, Object[], InvocationContext)}, the AI-service
 * proxy's handler for every method the framework answers with the model: brackets the invocation, so
 * the chain its {@code AiServiceStartedEvent} opens ({@link ServiceStartedAdvice}) closes when it
 * returns or throws.
 */
public final class ServiceInvocationAdvice {
    private ServiceInvocationAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter() {
        return ServiceInvocations.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object frame, @Advice.Thrown Throwable thrown) {
        ServiceInvocations.exit(frame, thrown);
    }
}
