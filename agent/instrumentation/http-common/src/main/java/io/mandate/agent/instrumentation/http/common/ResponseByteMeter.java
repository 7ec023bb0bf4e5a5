package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.enforcement.VolumeLimitDenial;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import io.mandate.bootstrap.meter.ByteMeterHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;

import java.net.URLConnection;

/**
 * Charges the response bytes an application reads to {@code limit http bytes}, for every client:
 * the stream advice (HttpURLConnection, OkHttp, Apache classic) and the async Apache client's
 * delivery advice reach it through {@link ByteMeterDispatch}, the JDK client's body subscribers
 * directly. Over a limit in enforce mode the read fails with a {@link VolumeLimitDenial} naming the
 * limit's rule; in audit mode the exceeded limit is journaled once and the body keeps flowing.
 *
 * The journal event of an exceeded limit is kind {@code http}, operation {@code read}, and the
 * response's URL (as {@link RequestTarget} shows it) when the client's stream knows it.
 */
public final class ResponseByteMeter implements ByteMeterHooks {
    static final String METRIC = "bytes";
    static final String OPERATION = "read";
    /** The resource journaled when the stream cannot tell which response it reads. */
    static final String UNKNOWN_RESPONSE = "(response body)";

    private final VolumeMeter meter;

    public ResponseByteMeter(VolumeMeter meter) {
        this.meter = meter;
    }

    /** True when the policy limits http bytes: the JDK client's body handlers are wrapped only then. */
    public boolean meters() {
        return meter.meters(Kind.HTTP, METRIC);
    }

    @Override
    public boolean meters(int kind) {
        return kind == ByteMeterDispatch.HTTP_RESPONSE && meters();
    }

    @Override
    public Throwable charge(int kind, long bytes, Object source) {
        return kind == ByteMeterDispatch.HTTP_RESPONSE ? charge(bytes, source) : null;
    }

    /**
     * Charges {@code bytes} of the response {@code source} (a URLConnection, a URL string, or null)
     * to the current thread's chain context; returns the denial to fail the read with, or null.
     */
    public Throwable charge(long bytes, Object source) {
        Decision over = meter.charge(Kind.HTTP, METRIC, bytes, OPERATION, source, ResponseByteMeter::display);
        return over == null ? null : new VolumeLimitDenial(VolumeMeter.message(Kind.HTTP, OPERATION, display(source), over),
                over.ruleId(), over.reason());
    }

    static String display(Object source) {
        if (source instanceof URLConnection) {
            return RequestTarget.of(String.valueOf(((URLConnection) source).getURL()));
        }
        if (source instanceof String) {
            return RequestTarget.of((String) source);
        }
        return UNKNOWN_RESPONSE;
    }
}
