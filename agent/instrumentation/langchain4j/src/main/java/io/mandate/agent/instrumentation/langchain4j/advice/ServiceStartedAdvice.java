package io.mandate.agent.instrumentation.langchain4j.advice;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import io.mandate.bootstrap.tools.ServiceInvocations;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AiServiceStartedEvent.AiServiceStartedEventBuilder.build()}: an AI service
 * builds this event once per invocation, after it rendered the system message (templates, provider,
 * transformer) and the user message, and before it calls the model or a tool. That is where the
 * invocation's chain opens: the purpose from the system message, the user message only digested.
 * Outside an AI-service invocation (an application building the event itself) it opens nothing.
 */
public final class ServiceStartedAdvice {
    private ServiceStartedAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see LangChain4j's types.
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object builder) {
        AiServiceStartedEvent.AiServiceStartedEventBuilder started = (AiServiceStartedEvent.AiServiceStartedEventBuilder) builder;
        SystemMessage system = started.systemMessage();
        UserMessage user = started.userMessage();
        ServiceInvocations.started(system == null ? null : system.text(),
                user == null ? null : user.hasSingleText() ? user.singleText() : String.valueOf(user.contents()));
    }
}
