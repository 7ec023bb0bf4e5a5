package io.mandate.agent.instrumentation.lineage;

import io.mandate.bootstrap.lineage.OutgoingLineage;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import okhttp3.Request;

/**
 * Inlined into OkHttp's {@code RealInterceptorChain.proceed(Request)} (4.x and 5.x): the first
 * {@code proceed} after {@code RetryAndFollowUpInterceptor} decided a request or a follow-up hop is
 * the one that hands it to the network side of the chain, so the header is set on the request passed
 * on there. A follow-up copies the previous request's headers: a hop the policy denied (sent in
 * audit mode) has the copied header removed.
 */
final class OkHttpHeaderAdvice {
    private OkHttpHeaderAdvice() {
    }

    // Object in the signature: the agent loader reads advice signatures and cannot see OkHttp's types.
    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
        if (request == null) {
            return;
        }
        Request outgoing = (Request) request;
        String header = OutgoingLineage.headerFor(outgoing.url().toString());
        if (header != null) {
            request = header.isEmpty()
                    ? outgoing.newBuilder().removeHeader(OutgoingLineage.HEADER).build()
                    : outgoing.newBuilder().header(OutgoingLineage.HEADER, header).build();
        }
    }
}
