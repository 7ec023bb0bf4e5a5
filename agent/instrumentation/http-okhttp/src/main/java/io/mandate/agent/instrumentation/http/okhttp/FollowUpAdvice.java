package io.mandate.agent.instrumentation.http.okhttp;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;

import java.io.Closeable;

/**
 * Inlined into {@code RetryAndFollowUpInterceptor.followUpRequest}, which answers the request a
 * response asks to follow (a redirect, an authentication retry), or null: that request is decided
 * before it is sent. A denied one closes the response that asked for it, so its connection goes
 * back to the pool, and fails the call from outside the retry loop.
 */
final class FollowUpAdvice {
    private FollowUpAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see OkHttp's types.
    @Advice.OnMethodExit
    static void exit(@Advice.Argument(0) Object previous, @Advice.Return Object next) throws Throwable {
        if (next == null) {
            return;
        }
        Request hop = (Request) next;
        Throwable denial = HttpDispatch.decideNow(hop.method(), hop.url().toString());
        if (denial != null) {
            try {
                ((Closeable) previous).close();
            } catch (Exception notClosable) {
                // a response without a body holds no connection
            }
            throw denial;
        }
    }
}
