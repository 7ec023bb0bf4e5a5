package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import io.mandate.policy.Request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The smallest enforcer over the real policy library: what the agent's enforcer does minus
 * modes, revocation and the journal (records are kept in memory). Enforce mode.
 */
final class PolicyBackedEnforcer implements Enforcer {
    /** One journal record, with the request's accesses copied (the request is reused). */
    record Recorded(List<String> accesses, Decision decision, boolean blocked, String display) {
    }

    private final CompiledPolicy policy;
    private final LimitCounters counters = new LimitCounters();
    private final ThreadLocal<Request> requests = ThreadLocal.withInitial(Request::new);
    final List<Recorded> records = Collections.synchronizedList(new ArrayList<>());

    PolicyBackedEnforcer(String sourceName, String text) {
        LoadResult loaded = PolicyLoader.parse(sourceName, text);
        if (!loaded.ok()) {
            throw new IllegalArgumentException(loaded.render());
        }
        this.policy = loaded.policy();
    }

    @Override
    public Request request(Kind kind) {
        Request request = requests.get().reset(kind);
        ChainContext context = ContextHolder.current();
        if (context != null) {
            request.agent(context.agent()).chain(context.chainId(), context.rootChainId(), context.depth(), context.purpose())
                    .user(context.user()).step(context.stepId(), context.tool());
        }
        return request;
    }

    @Override
    public Decision decide(Request request) {
        return policy.decide(request, counters);
    }

    @Override
    public boolean blocks(Decision decision) {
        return decision.denied();
    }

    @Override
    public void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                       long startEpochNanos, long durationNanos, Throwable error) {
        List<String> accesses = new ArrayList<>();
        for (int i = 0; i < request.accessCount(); i++) {
            accesses.add(request.operation(i) + " " + request.resource(i));
        }
        records.add(new Recorded(accesses, decision, blocked, displayResource));
    }

    @Override
    public Decision consume(Request request, String metric, long amount) {
        Decision over = policy.consume(request, metric, amount, counters);
        return over != null && blocks(over) ? over : null;
    }

    @Override
    public boolean meters(Kind kind, String metric) {
        return policy.meters(kind, metric);
    }
}
