package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.enforcement.InFlightCall;
import io.mandate.agent.enforcement.EpochClock;
import io.mandate.agent.enforcement.IoPolicyDenial;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.bootstrap.http.HttpHooks;
import io.mandate.bootstrap.lineage.OutgoingLineage;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Decides HTTP requests of every client: the agent-side implementation of the hooks the client
 * advice dispatches to. The access is the request method (upper case, as the policy normalizes
 * http operations) on the {@link RequestTarget} of the URL; the journal shows the {@link JournaledUrl}
 * (the target, and of the query what the {@code journalQuery} setting allows).
 *
 * A request without a method or URL (the client will refuse it itself) is not decided. Anything
 * that goes wrong in here is reported once per place; the policy and the failure mode say what
 * happens to the request.
 */
public final class HttpEnforcement implements HttpHooks {
    private final Enforcer enforcer;
    private final BiConsumer<String, Throwable> internalErrors;
    private final JournaledUrl journaled;
    private final EpochClock clock = new EpochClock();
    private final RecentTargets targets = new RecentTargets();

    public HttpEnforcement(Enforcer enforcer, BiConsumer<String, Throwable> internalErrors, JournaledUrl journaled) {
        this.enforcer = enforcer;
        this.internalErrors = internalErrors;
        this.journaled = journaled;
    }

    @Override
    public Object beforeRequest(String method, String url) {
        if (method == null || url == null) {
            return null;
        }
        long startNanos = System.nanoTime();
        try {
            String operation = method.toUpperCase(Locale.ROOT);
            String target = targets.targetOf(url);
            Request request = enforcer.request(Kind.HTTP).access(operation, target);
            Decision decision = enforcer.decide(request);
            OutgoingLineage.decided(url, !decision.denied()); // only an allowed request may carry lineage
            String display = journaled.of(url, target);
            if (enforcer.blocks(decision)) {
                enforcer.record(request, decision, true, operation, display, clock.epochNanos(startNanos), 0L, null);
                return denial(operation, target, decision);
            }
            return new InFlightCall().start(request, decision, operation, display, clock.epochNanos(startNanos), startNanos);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("http.decide", e);
            return null;
        }
    }

    @Override
    public void afterRequest(Object call, Throwable error) {
        if (!(call instanceof InFlightCall flight)) {
            return;
        }
        try {
            enforcer.record(flight.request, flight.decision, false, flight.operation, flight.display,
                    flight.startEpochNanos, System.nanoTime() - flight.startNanos, error);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("http.record", e);
        }
    }

    @Override
    public Throwable decideNow(String method, String url) {
        if (method == null || url == null) {
            return null;
        }
        long startNanos = System.nanoTime();
        try {
            String operation = method.toUpperCase(Locale.ROOT);
            String target = targets.targetOf(url);
            Request request = enforcer.request(Kind.HTTP).access(operation, target);
            Decision decision = enforcer.decide(request);
            OutgoingLineage.decided(url, !decision.denied()); // only an allowed request may carry lineage
            boolean blocked = enforcer.blocks(decision);
            enforcer.record(request, decision, blocked, operation, journaled.of(url, target), clock.epochNanos(startNanos), 0L, null);
            return blocked ? denial(operation, target, decision) : null;
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("http.decide", e);
            return null;
        }
    }

    private static IoPolicyDenial denial(String operation, String target, Decision decision) {
        return new IoPolicyDenial(denialMessage(operation, target, decision), decision.ruleId(), decision.reason());
    }

    static String denialMessage(String operation, String target, Decision decision) {
        StringBuilder s = new StringBuilder("Mandate denied http ").append(operation).append(' ').append(target)
                .append(" by rule ").append(decision.ruleId());
        if (!decision.reason().isEmpty()) {
            s.append(": ").append(decision.reason());
        }
        return s.toString();
    }
}
