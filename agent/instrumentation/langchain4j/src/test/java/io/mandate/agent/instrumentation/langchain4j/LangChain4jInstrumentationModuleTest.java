package io.mandate.agent.instrumentation.langchain4j;

import io.mandate.agent.instrumentation.LibraryGate;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matchers against LangChain4j's real classes (the oldest supported line, the module's compile
 * dependency): the types and methods the advice is written for are found, and only those.
 */
class LangChain4jInstrumentationModuleTest {
    private static final TypePool POOL = TypePool.Default.of(
            ClassFileLocator.ForClassLoader.of(LangChain4jInstrumentationModuleTest.class.getClassLoader()));
    private static final LibraryGate GATE = new LibraryGate("langchain4j", LangChain4jInstrumentationModule.TOOL_EXECUTOR);

    private static TypeDescription type(String name) {
        return POOL.describe(name).resolve();
    }

    private static List<String> matching(String type, ElementMatcher<? super MethodDescription.InDefinedShape> methods) {
        return type(type).getDeclaredMethods().filter(methods).stream()
                .map(m -> m.getName() + m.getDescriptor()).sorted().toList();
    }

    @Test
    void theToolExecutorInterfaceAndItsImplementationsAreMatchedButNotOtherTypes() {
        ElementMatcher.Junction<TypeDescription> executors = LangChain4jInstrumentationModule.toolExecutors(GATE);
        assertTrue(executors.matches(type(LangChain4jInstrumentationModule.TOOL_EXECUTOR)), "its default executeWithContext");
        assertTrue(executors.matches(type("dev.langchain4j.service.tool.DefaultToolExecutor")));
        assertFalse(executors.matches(type("dev.langchain4j.service.tool.ToolService")));
    }

    @Test
    void bothExecutionMethodsOfDefaultToolExecutorAreAdvisedAndNotItsPrivateReflectiveExecute() {
        assertEquals(List.of(
                        "execute(Ldev/langchain4j/agent/tool/ToolExecutionRequest;Ljava/lang/Object;)Ljava/lang/String;",
                        "executeWithContext(Ldev/langchain4j/agent/tool/ToolExecutionRequest;Ldev/langchain4j/invocation/InvocationContext;)"
                                + "Ldev/langchain4j/service/tool/ToolExecutionResult;"),
                matching("dev.langchain4j.service.tool.DefaultToolExecutor", LangChain4jInstrumentationModule.toolExecutions()));
    }

    @Test
    void theInvocationHandlersModelPathIsFoundAndNotItsProxyEntryPoint() {
        assertEquals(List.of("invoke(Ljava/lang/reflect/Method;[Ljava/lang/Object;Ldev/langchain4j/invocation/InvocationContext;)"
                        + "Ljava/lang/Object;"),
                matching(LangChain4jInstrumentationModule.SERVICE_HANDLER, LangChain4jInstrumentationModule.invocations()));
    }

    @Test
    void theStartedEventBuildIsFoundAndNotItsBridge() {
        assertEquals(List.of("build()Ldev/langchain4j/observability/api/event/AiServiceStartedEvent;"),
                matching(LangChain4jInstrumentationModule.STARTED_EVENT_BUILDER, LangChain4jInstrumentationModule.startedEvents()));
    }
}
