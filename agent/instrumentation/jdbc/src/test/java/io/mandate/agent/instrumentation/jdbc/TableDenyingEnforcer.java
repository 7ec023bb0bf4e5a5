package io.mandate.agent.instrumentation.jdbc;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A unit seam standing in for the agent's enforcer: denies any access to a listed table (or any
 * listed operation), meters rows per chain against a budget, and keeps every journal record.
 */
class TableDenyingEnforcer implements Enforcer {
    static final Decision ALLOW = new Decision(Verdict.ALLOW, "test.mandate:3", "", "hash");
    static final String DENY_RULE = "support.mandate:12";
    static final String DENY_REASON = "salary data is outside the support purpose";
    static final Decision DENY = new Decision(Verdict.DENY, DENY_RULE, DENY_REASON, "hash");
    static final Decision OVER_BUDGET = new Decision(Verdict.DENY, "limit:support.mandate:20", "limit jdbc rows 3 per chain", "hash");

    /** One journal record, with the request's accesses copied (the request is reused). */
    record Recorded(List<String> accesses, String agent, String chainId, boolean denied, boolean blocked,
                    String operation, String display, Throwable error, long durationNanos) {
    }

    /** One usage record: rows read after a statement was journaled, in the chain they were read in. */
    record Usage(String chainId, String display, String metric, long units, long calls) {
    }

    private final List<Consumer<ChainContext>> closingHooks = new ArrayList<>();

    private final ThreadLocal<Request> requests = ThreadLocal.withInitial(Request::new);
    private final Set<String> deniedResources = ConcurrentHashMap.newKeySet();
    private final Set<String> deniedOperations = ConcurrentHashMap.newKeySet();
    final List<Recorded> records = Collections.synchronizedList(new ArrayList<>());
    final List<Usage> usage = Collections.synchronizedList(new ArrayList<>());
    /** Units of each record, in the order of {@link #records} (0 when it charged none). */
    final List<Long> recordUnits = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong rowsConsumed = new AtomicLong();
    volatile boolean enforce = true;
    volatile long rowBudget;

    void deny(String... resources) {
        deniedResources.addAll(Set.of(resources));
    }

    void denyOperation(String operation) {
        deniedOperations.add(operation);
    }

    void reset() {
        deniedResources.clear();
        deniedOperations.clear();
        records.clear();
        usage.clear();
        recordUnits.clear();
        rowsConsumed.set(0);
        enforce = true;
        rowBudget = 0;
    }

    List<Recorded> recordsTouching(String resource) {
        List<Recorded> touching = new ArrayList<>();
        synchronized (records) {
            for (Recorded r : records) {
                if (r.accesses().stream().anyMatch(a -> a.endsWith(" " + resource))) {
                    touching.add(r);
                }
            }
        }
        return touching;
    }

    List<Recorded> blockedTouching(String resource) {
        return recordsTouching(resource).stream().filter(Recorded::blocked).toList();
    }

    @Override
    public Request request(Kind kind) {
        return request(kind, ContextHolder.current());
    }

    @Override
    public Request request(Kind kind, ChainContext context) {
        Request request = requests.get().reset(kind);
        if (context != null) {
            request.agent(context.agent()).chain(context.chainId(), context.rootChainId(), context.depth(), context.purpose())
                    .user(context.user()).step(context.stepId(), context.tool());
        }
        return request;
    }

    @Override
    public Decision decide(Request request) {
        for (int i = 0; i < request.accessCount(); i++) {
            if (deniedResources.contains(request.resource(i)) || deniedOperations.contains(request.operation(i))) {
                return DENY;
            }
        }
        return ALLOW;
    }

    @Override
    public boolean blocks(Decision decision) {
        return enforce && decision.denied();
    }

    @Override
    public void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                       long startEpochNanos, long durationNanos, Throwable error) {
        List<String> accesses = new ArrayList<>();
        for (int i = 0; i < request.accessCount(); i++) {
            accesses.add(request.operation(i) + " " + request.resource(i));
        }
        records.add(new Recorded(accesses, request.agent(), request.chainId(), decision.denied(), blocked, operation,
                displayResource, error, durationNanos));
        recordUnits.add(0L);
    }

    @Override
    public void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                       long startEpochNanos, long durationNanos, Throwable error, String unitsMetric, long units) {
        record(request, decision, blocked, operation, displayResource, startEpochNanos, durationNanos, error);
        recordUnits.set(recordUnits.size() - 1, units);
    }

    @Override
    public void recordUsage(Request request, String operation, String displayResource, String unitsMetric, long units,
                            long calls, long epochNanos) {
        usage.add(new Usage(request.chainId(), displayResource, unitsMetric, units, calls));
    }

    @Override
    public void onContextClosing(Consumer<ChainContext> hook) {
        closingHooks.add(hook);
    }

    /** What the agent does when the application closes {@code context} on this thread. */
    void closing(ChainContext context) {
        closingHooks.forEach(hook -> hook.accept(context));
    }

    @Override
    public Decision consume(Request request, String metric, long amount) {
        long total = rowsConsumed.addAndGet(amount);
        return total > rowBudget && enforce ? OVER_BUDGET : null;
    }

    @Override
    public boolean meters(Kind kind, String metric) {
        return kind == Kind.JDBC && "rows".equals(metric) && rowBudget > 0;
    }

    Set<String> deniedResources() {
        return new HashSet<>(deniedResources);
    }
}
