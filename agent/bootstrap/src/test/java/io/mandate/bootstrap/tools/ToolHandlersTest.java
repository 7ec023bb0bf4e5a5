package io.mandate.bootstrap.tools;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A served tool's handler keeps its outcome whatever Mandate does around it (here: no agent, so no chains). */
class ToolHandlersTest {
    /** Shaped like an MCP CallToolRequest: the wrapper reads its arguments() by reflection. */
    public record Request(String name, Map<String, Object> arguments) {
    }

    @Test
    void theHandlersResultIsReturnedAsItIs() {
        Object result = new Object();
        BiFunction<Object, Object, Object> handler = (context, request) -> result;
        @SuppressWarnings("unchecked")
        BiFunction<Object, Object, Object> served = ToolHandlers.wrap("lookup_customer", handler);
        assertNotSame(handler, served);
        assertSame(result, served.apply("exchange", new Request("lookup_customer", Map.of("id", 2))));
    }

    @Test
    void theHandlersExceptionReachesTheCallerUnchanged() {
        IllegalStateException failure = new IllegalStateException("denied");
        BiFunction<Object, Object, Object> handler = (context, request) -> {
            throw failure;
        };
        @SuppressWarnings("unchecked")
        BiFunction<Object, Object, Object> served = ToolHandlers.wrap("read_salaries", handler);
        assertSame(failure, assertThrows(IllegalStateException.class, () -> served.apply(null, new Request("read_salaries", Map.of()))));
    }

    @Test
    void aHandlerIsWrappedOnceAndNothingIsWrappedWithoutAToolName() {
        BiFunction<Object, Object, Object> handler = (context, request) -> "ok";
        BiFunction<?, ?, ?> served = ToolHandlers.wrap("fetch_kb", handler);
        assertSame(served, ToolHandlers.wrap("fetch_kb", served), "a specification converted twice");
        assertSame(handler, ToolHandlers.wrap("", handler));
        assertSame(handler, ToolHandlers.wrap(null, handler));
    }

    @Test
    void theArgumentsAreTheRequestsArgumentsMapAsText() {
        assertEquals("{id=2}", ToolHandlers.argumentsText(new Request("lookup_customer", Map.of("id", 2))));
        assertEquals("", ToolHandlers.argumentsText("a request without arguments()"));
    }
}
