package io.mandate.agent.instrumentation.lineage;

import io.mandate.bootstrap.lineage.OutgoingLineage;
import net.bytebuddy.asm.Advice;

import java.net.HttpURLConnection;

/**
 * Inlined into {@code sun.net.www.protocol.http.HttpURLConnection.plainConnect0} (exit), where each
 * connection of a request, a redirect hop's included, was decided on entry: the header goes into the
 * request headers the connection writes next. A hop the policy denied (sent in audit mode) has the
 * header of the request before it removed.
 */
final class UrlConnectionHeaderAdvice {
    private UrlConnectionHeaderAdvice() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This HttpURLConnection connection, @Advice.FieldValue("requests") Object requests) {
        String header = OutgoingLineage.headerFor(String.valueOf(connection.getURL()));
        if (header != null && requests != null) {
            if (header.isEmpty()) {
                ((sun.net.www.MessageHeader) requests).remove(OutgoingLineage.HEADER);
            } else {
                ((sun.net.www.MessageHeader) requests).set(OutgoingLineage.HEADER, header);
            }
        }
    }
}
