package io.mandate.agent.instrumentation.springai.advice;

import io.mandate.bootstrap.tools.ChatCalls;
import net.bytebuddy.asm.Advice;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Inlined into {@code DefaultChatClient.DefaultCallResponseSpec.doGetObservableChatClientResponse},
 * where every blocking ChatClient call ({@code content()}, {@code chatResponse()}, {@code entity(..)})
 * runs the request through the advisor chain, the model and its tool executions: the call is a
 * chain (when none is open) with the chat exchange as a step; see {@link ChatCalls}. The system
 * message gives the purpose, the user message only its digest.
 */
public final class ChatCallAdvice {
    private ChatCallAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see Spring AI's types.
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) Object request) {
        Prompt prompt = ((ChatClientRequest) request).prompt();
        Message system = prompt.getSystemMessage();
        Message user = prompt.getUserMessage();
        return ChatCalls.enter(system == null ? null : system.getText(), user == null ? null : user.getText());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scopes, @Advice.Thrown Throwable thrown) {
        ChatCalls.exit(scopes, thrown);
    }
}
