package io.mandate.agent.instrumentation.springai;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.LibraryGate;
import io.mandate.agent.instrumentation.springai.advice.ChatCallAdvice;
import io.mandate.agent.instrumentation.springai.advice.ToolCallAdvice;
import io.mandate.agent.instrumentation.Transformations;
import io.mandate.agent.instrumentation.TypeTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring AI (1.1.x and 2.0.x): tool executions as steps and blocking ChatClient calls as chains.
 * <ul>
 *   <li>{@code ToolCallback.call(String)} / {@code call(String, ToolContext)} of every implementation
 *   ({@code MethodToolCallback}, {@code FunctionToolCallback}, an application's own): a step named after
 *   {@code getToolDefinition().name()}, arguments digested, closed by the result or the exception;</li>
 *   <li>{@code DefaultChatClient.DefaultCallResponseSpec.doGetObservableChatClientResponse(ChatClientRequest, ..)}:
 *   a chain when none is open (a child chain inside a tool's step), the exchange a {@code chat} step.</li>
 * </ul>
 * Version-gated: only loaders that hold Spring AI are looked at, and a type is advised only while it
 * declares the methods the advice calls; otherwise one line on stderr says what is missing. The advice
 * calls the public API and the bridge's tool scopes on the boot class path, never the agent core.
 */
public final class SpringAiInstrumentationModule implements InstrumentationModule {
    static final String TOOL_CALLBACK = "org.springframework.ai.tool.ToolCallback";
    static final String TOOL_CONTEXT = "org.springframework.ai.chat.model.ToolContext";
    static final String CALL_RESPONSE_SPEC = "org.springframework.ai.chat.client.DefaultChatClient$DefaultCallResponseSpec";
    static final String CHAT_CLIENT_REQUEST = "org.springframework.ai.chat.client.ChatClientRequest";
    static final String CHAT_CALL = "doGetObservableChatClientResponse";

    private volatile LibraryGate gate;

    @Override
    public String name() {
        return "spring-ai";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        LibraryGate installed = new LibraryGate(name(), TOOL_CALLBACK);
        gate = installed;
        transformations
                .type(toolCallbacks(installed), installed.loaders())
                .transform(advise(ToolCallAdvice.class, toolCalls()))
                .type(named(CALL_RESPONSE_SPEC).and(installed.declares(CHAT_CALL + "(ChatClientRequest, ..)", chatCalls())),
                        installed.loaders())
                .transform(advise(ChatCallAdvice.class, chatCalls()));
    }

    /** Classes implementing a ToolCallback that still has the methods the advice calls. */
    static ElementMatcher.Junction<TypeDescription> toolCallbacks(LibraryGate gate) {
        return not(isInterface()).and(hasSuperType(named(TOOL_CALLBACK)
                .and(gate.declares("call(String)", toolCalls()))
                .and(gate.declares("getToolDefinition()", named("getToolDefinition").and(takesArguments(0))))));
    }

    static ElementMatcher.Junction<MethodDescription> toolCalls() {
        return named("call").and(returns(String.class)).and(takesArgument(0, String.class))
                .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, named(TOOL_CONTEXT)))));
    }

    static ElementMatcher.Junction<MethodDescription> chatCalls() {
        return named(CHAT_CALL).and(takesArgument(0, named(CHAT_CLIENT_REQUEST)));
    }

    @Override
    public void uninstall() {
        LibraryGate installed = gate;
        if (installed != null) {
            installed.forget();
        }
        gate = null;
    }

    private static TypeTransformer advise(Class<?> advice, ElementMatcher.Junction<MethodDescription> methods) {
        return AdviceReader.onFirstUse(advice, methods.and(not(isAbstract())));
    }
}
