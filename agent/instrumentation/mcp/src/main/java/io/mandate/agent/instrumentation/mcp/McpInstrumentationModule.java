package io.mandate.agent.instrumentation.mcp;

import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.agent.instrumentation.InstrumentationModule;
import io.mandate.agent.instrumentation.AdviceReader;
import io.mandate.agent.instrumentation.LibraryGate;
import io.mandate.agent.instrumentation.mcp.advice.ClientToolCallAdvice;
import io.mandate.agent.instrumentation.mcp.advice.StatelessSyncToolRegistrationAdvice;
import io.mandate.agent.instrumentation.mcp.advice.SyncToolRegistrationAdvice;
import io.mandate.agent.instrumentation.Transformations;
import io.mandate.agent.instrumentation.TypeTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The MCP Java SDK (io.modelcontextprotocol.sdk, 1.x and 2.x): tool calls on both sides as steps.
 * <ul>
 *   <li>Client: {@code McpSyncClient.callTool(CallToolRequest)}: a step named after the tool the request
 *   names, its arguments digested, closed by the result or the exception. Everything the client does for
 *   the call on this thread (the transport's request) is attributed to it.</li>
 *   <li>Server: {@code AsyncToolSpecification.fromSync(SyncToolSpecification, ..)} of {@code McpServerFeatures}
 *   and {@code McpStatelessServerFeatures}, where a server turns each synchronous tool it is given (at build
 *   or added later) into the form it runs: the specification's handler is replaced by one that runs it as a
 *   served tool ({@code ToolHandlers}): a step named after the tool, in a child chain of the caller's when
 *   called inside another agent's tool step. The handler runs from a lambda of the SDK's, a synthetic method
 *   Byte Buddy leaves alone, so the handler object is the place to hook.</li>
 * </ul>
 * Version-gated: only loaders that hold the SDK are looked at, and a type is advised only while it declares
 * the methods the advice was written for; otherwise one line on stderr says what is missing. The advice calls
 * the public API and the bridge's tool scopes on the boot class path, never the agent core.
 */
public final class McpInstrumentationModule implements InstrumentationModule {
    static final String SCHEMA = "io.modelcontextprotocol.spec.McpSchema";
    static final String CALL_TOOL_REQUEST = SCHEMA + "$CallToolRequest";
    static final String SYNC_CLIENT = "io.modelcontextprotocol.client.McpSyncClient";
    static final String ASYNC_TOOL_SPECIFICATION = "io.modelcontextprotocol.server.McpServerFeatures$AsyncToolSpecification";
    static final String SYNC_TOOL_SPECIFICATION = "io.modelcontextprotocol.server.McpServerFeatures$SyncToolSpecification";
    static final String STATELESS_ASYNC_TOOL_SPECIFICATION =
            "io.modelcontextprotocol.server.McpStatelessServerFeatures$AsyncToolSpecification";
    static final String STATELESS_SYNC_TOOL_SPECIFICATION =
            "io.modelcontextprotocol.server.McpStatelessServerFeatures$SyncToolSpecification";

    private volatile LibraryGate gate;

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public void install(Transformations transformations, AgentServices services) {
        LibraryGate installed = new LibraryGate(name(), SCHEMA);
        gate = installed;
        transformations
                .type(named(SYNC_CLIENT).and(installed.declares("callTool(CallToolRequest)", clientToolCalls())), installed.loaders())
                .transform(advise(ClientToolCallAdvice.class, clientToolCalls()))
                .type(named(ASYNC_TOOL_SPECIFICATION).and(installed.declares("fromSync(SyncToolSpecification, ..)",
                        syncToolRegistrations(SYNC_TOOL_SPECIFICATION))), installed.loaders())
                .transform(advise(SyncToolRegistrationAdvice.class, syncToolRegistrations(SYNC_TOOL_SPECIFICATION)))
                .type(named(STATELESS_ASYNC_TOOL_SPECIFICATION).and(installed.declares("fromSync(SyncToolSpecification, ..)",
                        syncToolRegistrations(STATELESS_SYNC_TOOL_SPECIFICATION))), installed.loaders())
                .transform(advise(StatelessSyncToolRegistrationAdvice.class, syncToolRegistrations(STATELESS_SYNC_TOOL_SPECIFICATION)));
    }

    static ElementMatcher.Junction<MethodDescription> clientToolCalls() {
        return named("callTool").and(takesArguments(1)).and(takesArgument(0, named(CALL_TOOL_REQUEST)));
    }

    /** fromSync(SyncToolSpecification[, boolean]): both overloads; a handler wrapped once is not wrapped again. */
    static ElementMatcher.Junction<MethodDescription> syncToolRegistrations(String syncSpecification) {
        return named("fromSync").and(isStatic()).and(takesArgument(0, named(syncSpecification)));
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
