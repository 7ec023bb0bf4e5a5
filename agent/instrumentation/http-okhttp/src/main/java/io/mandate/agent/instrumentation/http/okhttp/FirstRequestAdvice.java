package io.mandate.agent.instrumentation.http.okhttp;

import io.mandate.bootstrap.http.HttpDispatch;
import net.bytebuddy.asm.Advice;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Inlined into {@code RetryAndFollowUpInterceptor.intercept}: the call's request, after the
 * application's interceptors, is decided before the retry loop starts; a denial is thrown to the
 * caller ({@code execute}) or handed to the callback's {@code onFailure} ({@code enqueue}).
 */
final class FirstRequestAdvice {
    private FirstRequestAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see OkHttp's types.
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) Object chain) throws Throwable {
        Request request = ((Interceptor.Chain) chain).request();
        Throwable denial = HttpDispatch.decideNow(request.method(), request.url().toString());
        if (denial != null) {
            throw denial;
        }
    }
}
