package io.mandate.agent.instrumentation.lineage;

import io.mandate.bootstrap.lineage.OutgoingLineage;
import net.bytebuddy.asm.Advice;

import java.net.http.HttpRequest;

/**
 * Inlined into the {@code HttpRequestImpl(HttpRequest, ProxySelector)} constructor, which
 * {@code HttpClientImpl.sendAsync} runs right after the request was decided: the lineage header
 * becomes a system header of the client's own copy of the request (the application's request object
 * and its {@code headers()} are left as they were). Redirect and authentication retries are new
 * copies without system headers, so only the first request carries it.
 */
final class JdkClientHeaderAdvice {
    private JdkClientHeaderAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Object copy, @Advice.Argument(0) HttpRequest request) {
        String header = OutgoingLineage.headerFor(String.valueOf(request.uri()));
        if (header != null && !header.isEmpty()) {
            ((jdk.internal.net.http.HttpRequestImpl) copy).setSystemHeader(OutgoingLineage.HEADER, header);
        }
    }
}
