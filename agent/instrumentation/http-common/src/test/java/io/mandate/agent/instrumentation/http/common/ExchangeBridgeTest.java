package io.mandate.agent.instrumentation.http.common;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.bootstrap.http.DeferredConnects;
import io.mandate.bootstrap.http.ExchangeContext;
import io.mandate.bootstrap.http.HttpDispatch;
import io.mandate.bootstrap.http.HttpHooks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge pieces clients with an execution chain and an I/O reactor use (Apache HttpClient 5). */
class ExchangeBridgeTest {
    private final ChainContext chain = ChainContext.root("research-bot", "c-1", "research", "user");
    private final List<String> decidedIn = new ArrayList<>();

    private final HttpHooks hooks = new HttpHooks() {
        @Override
        public Object beforeRequest(String method, String url) {
            return null;
        }

        @Override
        public void afterRequest(Object call, Throwable error) {
        }

        @Override
        public Throwable decideNow(String method, String url) {
            ChainContext current = ContextHolder.current();
            decidedIn.add(url + " in " + (current == null ? "no chain" : current.chainId()));
            return null;
        }
    };

    @AfterEach
    void reset() {
        HttpDispatch.uninstall();
        ContextHolder.restore(null);
        assertFalse(CallGuard.active());
    }

    @Test
    void eachScopeOfAnExchangeIsDecidedOnceInTheChainTheExchangeStartedIn() {
        HttpDispatch.install(hooks);
        Object first = new Object();
        Object hop = new Object();
        ContextHolder.attach(chain);
        ExchangeContext exchange = ExchangeContext.toDecide(null, "ex-1", first);
        assertNotNull(exchange, "the first element to run a scope decides it");
        assertNull(ExchangeContext.toDecide(exchange, "ex-1", first), "the elements after it (and retries) do not");
        HttpDispatch.decideNowIn(exchange, "GET", "http://h/first");

        ContextHolder.restore(null); // the hop runs on an I/O thread outside the chain
        ExchangeContext sameExchange = ExchangeContext.toDecide(exchange, "ex-1", hop);
        assertSame(exchange, sameExchange);
        HttpDispatch.decideNowIn(sameExchange, "GET", "http://h/hop");
        assertNull(ContextHolder.current(), "the I/O thread's own context is restored");
        assertEquals(List.of("http://h/first in c-1", "http://h/hop in c-1"), decidedIn);
    }

    @Test
    void anotherExchangesAttributeStartsANewExchangeInTheCurrentContext() {
        Object scope = new Object();
        ExchangeContext other = ExchangeContext.toDecide(null, "ex-1", scope);
        ContextHolder.attach(chain);
        ExchangeContext next = ExchangeContext.toDecide(other, "ex-2", scope);
        assertNotNull(next);
        assertSame(chain, next.chain());
        assertNull(other.chain());
    }

    @Test
    void onlyConnectRequestsMadeByDecidedWorkHoldTheGuardOnTheReactor() {
        Object decided = new Object();
        Object undecided = new Object();
        CallGuard.enter();
        DeferredConnects.made(decided);
        CallGuard.exit();
        DeferredConnects.made(undecided);

        boolean entered = DeferredConnects.enter(decided);
        assertTrue(entered);
        assertTrue(CallGuard.active(), "the reactor's connect is the decided request's work");
        DeferredConnects.exit(entered);
        assertFalse(CallGuard.active());

        entered = DeferredConnects.enter(undecided);
        assertFalse(entered, "a connect nobody decided is left to the net instrumentation");
        assertFalse(CallGuard.active());
        DeferredConnects.exit(entered);
        assertFalse(CallGuard.active());
    }
}
