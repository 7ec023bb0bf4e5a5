package io.mandate.agent.instrumentation.langchain4j;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.LibraryGate;
import io.mandate.agent.instrumentation.langchain4j.advice.ServiceInvocationAdvice;
import io.mandate.agent.instrumentation.langchain4j.advice.ServiceStartedAdvice;
import io.mandate.agent.instrumentation.langchain4j.advice.ToolExecutionAdvice;
import io.mandate.agent.instrumentation.Transformations;
import io.mandate.agent.instrumentation.TypeTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * LangChain4j (1.x): tool executions as steps and AI-service invocations as chains.
 * <ul>
 *   <li>{@code ToolExecutor.execute(ToolExecutionRequest, Object)} and
 *   {@code executeWithContext(ToolExecutionRequest, InvocationContext)} of every implementation
 *   ({@code DefaultToolExecutor} for {@code @Tool} methods, an MCP client's executor, an application's
 *   own) and the interface's default {@code executeWithContext}, which lambdas reach (their classes
 *   cannot be transformed): a step named after the request's tool name, arguments digested, closed by
 *   the result or the exception;</li>
 *   <li>{@code DefaultAiServices$1.invoke(Method, Object[], InvocationContext)}, the AI-service proxy's
 *   invocation handler, brackets an invocation, and the build of its
 *   {@code AiServiceStartedEvent} (where the framework has rendered the system and user messages,
 *   before the model or a tool is called) opens the chain and the chat step; see
 *   {@code io.mandate.bootstrap.tools.ServiceInvocations}.</li>
 * </ul>
 * Version-gated: only loaders that hold LangChain4j are looked at, and a type is advised only while it
 * declares the methods the advice calls; otherwise one line on stderr says what is missing. The advice
 * calls the public API and the bridge's tool scopes on the boot class path, never the agent core.
 */
public final class LangChain4jInstrumentationModule implements InstrumentationModule {
    static final String TOOL_EXECUTOR = "dev.langchain4j.service.tool.ToolExecutor";
    static final String TOOL_REQUEST = "dev.langchain4j.agent.tool.ToolExecutionRequest";
    static final String INVOCATION_CONTEXT = "dev.langchain4j.invocation.InvocationContext";
    static final String SERVICE_HANDLER = "dev.langchain4j.service.DefaultAiServices$1";
    static final String STARTED_EVENT = "dev.langchain4j.observability.api.event.AiServiceStartedEvent";
    static final String STARTED_EVENT_BUILDER = STARTED_EVENT + "$AiServiceStartedEventBuilder";

    private volatile LibraryGate gate;

    @Override
    public String name() {
        return "langchain4j";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        LibraryGate installed = new LibraryGate(name(), TOOL_EXECUTOR);
        gate = installed;
        transformations
                .type(toolExecutors(installed), installed.loaders())
                .transform(advise(ToolExecutionAdvice.class, toolExecutions()))
                .type(named(SERVICE_HANDLER).and(installed.declares("invoke(Method, Object[], InvocationContext)", invocations())),
                        installed.loaders())
                .transform(advise(ServiceInvocationAdvice.class, invocations()))
                .type(named(STARTED_EVENT_BUILDER).and(installed.declares("build()", startedEvents()))
                                .and(installed.declares("systemMessage()", named("systemMessage").and(takesArguments(0))))
                                .and(installed.declares("userMessage()", named("userMessage").and(takesArguments(0)))),
                        installed.loaders())
                .transform(advise(ServiceStartedAdvice.class, startedEvents()));
    }

    /**
     * The ToolExecutor interface (its default executeWithContext is what a lambda executor runs) and
     * the classes implementing it, while the interface still has execute(ToolExecutionRequest, Object).
     */
    static ElementMatcher.Junction<TypeDescription> toolExecutors(LibraryGate gate) {
        ElementMatcher.Junction<TypeDescription> supported = named(TOOL_EXECUTOR)
                .and(gate.declares("execute(ToolExecutionRequest, Object)", named("execute").and(toolRequestFirst())));
        return supported.or(not(isInterface()).and(hasSuperType(supported)));
    }

    static ElementMatcher.Junction<MethodDescription> toolExecutions() {
        return named("execute").or(named("executeWithContext")).and(toolRequestFirst()).and(not(isSynthetic()));
    }

    private static ElementMatcher.Junction<MethodDescription> toolRequestFirst() {
        return takesArguments(2).and(takesArgument(0, named(TOOL_REQUEST)));
    }

    static ElementMatcher.Junction<MethodDescription> invocations() {
        return named("invoke").and(takesArguments(3)).and(takesArgument(0, named("java.lang.reflect.Method")))
                .and(takesArgument(2, named(INVOCATION_CONTEXT)));
    }

    static ElementMatcher.Junction<MethodDescription> startedEvents() {
        return named("build").and(takesArguments(0)).and(returns(named(STARTED_EVENT))).and(not(isSynthetic()));
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
