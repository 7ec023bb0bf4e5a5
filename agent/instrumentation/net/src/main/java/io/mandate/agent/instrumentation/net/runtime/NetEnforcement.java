package io.mandate.agent.instrumentation.net.runtime;

import io.mandate.agent.enforcement.InFlightCall;
import io.mandate.agent.enforcement.EpochClock;
import io.mandate.agent.enforcement.Enforcer;
import io.mandate.bootstrap.net.NetHooks;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.BiConsumer;

/**
 * Decides connects: the agent-side implementation of the hooks the socket advice dispatches to.
 *
 * A target is the accesses {@code connect host:port} (the name as the application asked) and
 * {@code connect ip:port} (the address actually connected), the second left out when it is the
 * same text. How the two combine: a rule that denies either denies the connect (a name allowed by
 * the policy resolving to a denied address is refused: DNS cannot launder a target); otherwise a
 * rule that allows either allows it (an address-only rule such as {@code 127.0.0.1:5432} allows
 * {@code localhost:5432}); only when no rule matches either does the default apply. The policy
 * library denies a request as soon as one access falls to {@code default deny}, so when both
 * accesses together come back as the default, each is asked alone; a request denied by the
 * default is charged nothing, so limits count the connect once.
 *
 * The allow path allocates nothing once the endpoint is in the thread's cache, beyond what the JDK
 * allocates to spell a literal address it was given without a name.
 */
public final class NetEnforcement implements NetHooks {
    static final String CONNECT = "connect";
    static final String DEFAULT_RULE = "default";

    private final Enforcer enforcer;
    private final BiConsumer<String, Throwable> internalErrors;
    private final EpochClock clock = new EpochClock();
    private final ThreadLocal<EndpointCache> endpoints = ThreadLocal.withInitial(EndpointCache::new);

    public NetEnforcement(Enforcer enforcer, BiConsumer<String, Throwable> internalErrors) {
        this.enforcer = enforcer;
        this.internalErrors = internalErrors;
    }

    @Override
    public Object beforeConnect(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress target)) {
            return null; // a Unix domain socket is local IPC, not egress; other types the JDK refuses
        }
        long startNanos = System.nanoTime();
        try {
            Endpoint endpoint = endpoints.get().endpoint(target.getHostString(),
                    target.isUnresolved() ? null : target.getAddress(), target.getPort());
            Decision decision = decide(endpoint);
            Request request = requestFor(endpoint);
            if (enforcer.blocks(decision)) {
                enforcer.record(request, decision, true, CONNECT, endpoint.nameResource, clock.epochNanos(startNanos),
                        0L, null);
                return new NetPolicyDenial(denialMessage(endpoint, decision), decision.ruleId(), decision.reason());
            }
            return new InFlightCall().start(request, decision, CONNECT, endpoint.nameResource, clock.epochNanos(startNanos),
                    startNanos);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("net.decide", e);
            return null;
        }
    }

    private Decision decide(Endpoint endpoint) {
        Decision both = enforcer.decide(requestFor(endpoint));
        if (endpoint.addressResource == null || !isDefaultDenial(both)) {
            return both;
        }
        Decision byName = enforcer.decide(enforcer.request(Kind.NET).access(CONNECT, endpoint.nameResource));
        if (!isDefaultDenial(byName)) {
            return byName;
        }
        Decision byAddress = enforcer.decide(enforcer.request(Kind.NET).access(CONNECT, endpoint.addressResource));
        return isDefaultDenial(byAddress) ? both : byAddress;
    }

    /** This thread's request with the endpoint's accesses: what is journaled, whichever request decided. */
    private Request requestFor(Endpoint endpoint) {
        Request request = enforcer.request(Kind.NET).access(CONNECT, endpoint.nameResource);
        if (endpoint.addressResource != null) {
            request.access(CONNECT, endpoint.addressResource);
        }
        return request;
    }

    private static boolean isDefaultDenial(Decision decision) {
        return decision.verdict() == Verdict.DENY && DEFAULT_RULE.equals(decision.ruleId());
    }

    @Override
    public void afterConnect(Object call, Throwable error) {
        if (!(call instanceof InFlightCall connect)) {
            return;
        }
        try {
            enforcer.record(connect.request, connect.decision, false, CONNECT, connect.display, connect.startEpochNanos,
                    System.nanoTime() - connect.startNanos, error);
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept("net.record", e);
        }
    }

    static String denialMessage(Endpoint endpoint, Decision decision) {
        StringBuilder s = new StringBuilder("Mandate denied net connect to ").append(endpoint.nameResource);
        if (endpoint.addressResource != null) {
            s.append(" (").append(endpoint.addressResource).append(')');
        }
        s.append(" by rule ").append(decision.ruleId());
        if (!decision.reason().isEmpty()) {
            s.append(": ").append(decision.reason());
        }
        return s.toString();
    }
}
