package io.mandate.bootstrap.tools;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.Step;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;

import java.lang.reflect.Method;
import java.util.function.BiFunction;

/**
 * A tool served to another agent (an MCP server's synchronous tool handler), for advice inlined into
 * the framework where it registers the handler: {@link #wrap} returns a handler that runs the
 * original inside a step named after the tool, with the digest of its arguments.
 * <ul>
 *   <li>Called inside another agent's tool step (an in-process MCP call, or a request whose chain the
 *   agent continued from a lineage header), it first opens a child chain of the caller's: the server
 *   works for the calling agent, so its lineage and depth say so, policy can bound the depth, and
 *   revoking the caller's chain revokes it.</li>
 *   <li>Inside a chain with no tool, the step is part of that chain.</li>
 *   <li>Outside any chain, the step runs in a root chain of its own (see {@link Mandate#openStep}).</li>
 * </ul>
 * Why wrapping at registration: the framework runs the handler from a lambda of its own, and lambda
 * bodies are synthetic methods an agent should not rewrite; the handler object it is given is the one
 * place every version hands over.
 *
 * Never throws on its own: the handler's outcome, result or exception, is the caller's as it was.
 */
public final class ToolHandlers {
    private ToolHandlers() {
    }

    /**
     * {@code handler} (a {@code BiFunction<context, request, result>}) wrapped to run as a served tool named
     * {@code tool}; the arguments are read from the request's {@code arguments()}. A handler already wrapped
     * (the framework converting a specification twice) is returned as it is.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static BiFunction wrap(String tool, BiFunction handler) {
        if (handler == null || handler instanceof ServedTool || tool == null || tool.isEmpty()) {
            return handler;
        }
        return new ServedTool(tool, handler);
    }

    /** What to hand to {@link #exit}: the chain and step opened, or null when none was. */
    static Object enter(String tool, String argumentsText) {
        Chain chain = null;
        try {
            ChainContext current = ContextHolder.current();
            if (current != null && !current.tool().isEmpty()) {
                chain = Mandate.delegate("", "");
            }
            Step step = Mandate.openStep(tool, Mandate.digest(argumentsText == null ? "" : argumentsText));
            return new ChainAndStep(chain, step);
        } catch (Throwable e) {
            if (chain != null) {
                ChainAndStep.closeQuietly(chain);
            }
            return null;
        }
    }

    /** Closes what {@link #enter} opened, recording {@code thrown} (null for a result) on the step. */
    static void exit(Object scopes, Throwable thrown) {
        ChainAndStep.close(scopes, thrown);
    }

    /** The request's {@code arguments()} as text ({@code {key=value, …}}), or "" when it has none. */
    static String argumentsText(Object request) {
        try {
            Method arguments = request.getClass().getMethod("arguments");
            return String.valueOf(arguments.invoke(request));
        } catch (Throwable e) {
            return "";
        }
    }

    private static final class ServedTool implements BiFunction<Object, Object, Object> {
        private final String tool;
        private final BiFunction<Object, Object, Object> handler;

        ServedTool(String tool, BiFunction<Object, Object, Object> handler) {
            this.tool = tool;
            this.handler = handler;
        }

        @Override
        public Object apply(Object context, Object request) {
            Object scopes = enter(tool, request == null ? "" : argumentsText(request));
            Object result;
            try {
                result = handler.apply(context, request);
            } catch (Throwable thrown) {
                exit(scopes, thrown);
                throw thrown;
            }
            exit(scopes, null);
            return result;
        }
    }
}
