package io.mandate.agent.instrumentation.net;

import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.net.NetDispatch;
import io.mandate.bootstrap.net.NetHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge's protocol, called as the advice calls it: guard pairing, attribution, parked denials. */
class NetDispatchProtocolTest {
    private static final InetSocketAddress TARGET = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    private static final ConnectException DENIAL = new ConnectException("denied");

    private final List<SocketAddress> decided = new ArrayList<>();
    private final List<Object> finished = new ArrayList<>();

    @AfterEach
    void uninstall() {
        NetDispatch.uninstall();
        assertFalse(CallGuard.active(), "every path leaves the guard as it found it");
    }

    private void install(Object answer) {
        NetDispatch.install(new NetHooks() {
            @Override
            public Object beforeConnect(SocketAddress remote) {
                decided.add(remote);
                return answer;
            }

            @Override
            public void afterConnect(Object call, Throwable error) {
                finished.add(call);
            }
        });
    }

    @Test
    void anAllowedConnectIsFinishedAfterItReturns() {
        Object call = "in flight";
        install(call);
        Object entered = NetDispatch.enterConnect(TARGET);
        assertTrue(CallGuard.active(), "the connect's own work is inside the guard");
        NetDispatch.exitConnect(entered, null);
        assertEquals(List.of(TARGET), decided);
        assertEquals(List.of(call), finished);
    }

    @Test
    void aDeniedConnectLeavesTheGuardBeforeTheAdviceThrows() {
        install(DENIAL);
        assertSame(DENIAL, NetDispatch.enterConnect(TARGET));
        assertFalse(CallGuard.active());
    }

    @Test
    void aConnectInsideADecidedCallIsNotDecidedAgain() {
        install(DENIAL);
        CallGuard.enter();
        try {
            Object nested = NetDispatch.enterConnect(TARGET);
            assertNull(nested);
            NetDispatch.exitConnect(nested, null);
            assertNull(NetDispatch.atNativeConnect(InetAddress.getLoopbackAddress(), 9));
        } finally {
            CallGuard.exit();
        }
        assertTrue(decided.isEmpty());
    }

    @Test
    void anAsyncDenialIsThrownOnceAtTheNativeStepAndClearedIfNeverReached() {
        install(DENIAL);
        Object call = NetDispatch.enterAsyncConnect(TARGET);
        assertSame(DENIAL, NetDispatch.atNativeConnect(TARGET.getAddress(), 9));
        assertNull(NetDispatch.atNativeConnect(TARGET.getAddress(), 9), "thrown once");
        NetDispatch.exitConnect(call, DENIAL);

        Object unreached = NetDispatch.enterAsyncConnect(TARGET);
        NetDispatch.exitConnect(unreached, new IllegalStateException("channel closed before connecting"));
        NetDispatch.install(NetHooks.NONE);
        assertNull(NetDispatch.atNativeConnect(TARGET.getAddress(), 9), "a denial never reached is not left behind");
    }

    @Test
    void aNativeConnectOutsideEveryApiIsDecidedThere() {
        install(DENIAL);
        assertSame(DENIAL, NetDispatch.atNativeConnect(InetAddress.getLoopbackAddress(), 9));
        assertEquals(List.of(TARGET), decided);
    }

    @Test
    void hooksThatThrowNeverReachTheApplication() {
        NetDispatch.install(new NetHooks() {
            @Override
            public Object beforeConnect(SocketAddress remote) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public void afterConnect(Object call, Throwable error) {
                throw new IllegalStateException("agent bug");
            }
        });
        Object call = NetDispatch.enterConnect(TARGET);
        assertNull(call);
        NetDispatch.exitConnect("in flight", null);
    }
}
