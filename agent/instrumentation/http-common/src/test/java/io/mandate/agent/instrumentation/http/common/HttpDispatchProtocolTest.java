package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.enforcement.IoPolicyDenial;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.http.HttpDispatch;
import io.mandate.bootstrap.http.HttpHooks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge's guard protocol as the HTTP advice calls it. */
class HttpDispatchProtocolTest {
    private final List<String> decided = new ArrayList<>();
    private final IoPolicyDenial denial = new IoPolicyDenial("denied", "r:1", "no");

    private final HttpHooks hooks = new HttpHooks() {
        @Override
        public Object beforeRequest(String method, String url) {
            decided.add(method + " " + url);
            return url.contains("denied") ? denial : "call";
        }

        @Override
        public void afterRequest(Object call, Throwable error) {
            decided.add("after " + call);
        }

        @Override
        public Throwable decideNow(String method, String url) {
            decided.add("now " + method + " " + url);
            return url.contains("denied") ? denial : null;
        }
    };

    @AfterEach
    void uninstall() {
        HttpDispatch.uninstall();
        assertFalse(CallGuard.active(), "every test leaves the guard as it found it");
    }

    @Test
    void anAllowedRequestHoldsTheGuardUntilItHasConnected() {
        HttpDispatch.install(hooks);
        Object call = HttpDispatch.enterRequest("GET", "http://h/ok");
        assertTrue(CallGuard.active());
        assertNull(HttpDispatch.enterRequest("GET", "http://h/nested"), "the client's own work is not decided");
        HttpDispatch.exitRequest(null, null);
        assertNull(HttpDispatch.decideNow("GET", "http://h/denied"), "nor a hop met inside a decided call");
        HttpDispatch.exitRequest(call, null);
        assertFalse(CallGuard.active());
        assertEquals(List.of("GET http://h/ok", "after call"), decided);
    }

    @Test
    void aDenialIsReturnedWithTheGuardAlreadyLeft() {
        HttpDispatch.install(hooks);
        assertSame(denial, HttpDispatch.enterRequest("POST", "http://h/denied"));
        assertFalse(CallGuard.active(), "exit advice does not run when enter advice throws");
        assertSame(denial, HttpDispatch.decideNow("GET", "http://h/denied"));
        assertFalse(CallGuard.active());
    }

    @Test
    void clientWorkHoldsTheGuard() {
        HttpDispatch.install(hooks);
        HttpDispatch.enterClientWork();
        assertTrue(CallGuard.active());
        HttpDispatch.exitClientWork();
    }

    @Test
    void hooksThatThrowNeverReachTheApplication() {
        HttpDispatch.install(new HttpHooks() {
            @Override
            public Object beforeRequest(String method, String url) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void afterRequest(Object call, Throwable error) {
                throw new IllegalStateException("broken");
            }

            @Override
            public Throwable decideNow(String method, String url) {
                throw new IllegalStateException("broken");
            }
        });
        assertNull(HttpDispatch.enterRequest("GET", "http://h/"));
        HttpDispatch.exitRequest("call", null);
        assertNull(HttpDispatch.decideNow("GET", "http://h/"));
    }

    @Test
    void aDenialRewrappedByTheClientIsThrownAsItself() {
        IOException rewrapped = new IOException("denied", denial);
        assertSame(denial, HttpDispatch.denialOrSelf(rewrapped));
        assertSame(denial, HttpDispatch.denialOrSelf(denial));
        IOException refused = new IOException("connection refused", new IOException("inner"));
        assertSame(refused, HttpDispatch.denialOrSelf(refused));
        assertNull(HttpDispatch.denialOrSelf(null));
    }
}
