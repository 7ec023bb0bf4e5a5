package io.mandate.agent.testing;

import io.mandate.agent.enforcement.Enforcer;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import io.mandate.policy.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * The real policy library deciding (and metering limits) for agent "bot", blocking every denial as
 * enforce mode does, with the journal records kept in memory for a test to read.
 */
public final class RecordingEnforcer implements Enforcer {
    public record Recorded(List<String> accesses, String verdict, String ruleId, boolean blocked, String operation,
                    String display, Throwable error) {
    }

    private final CompiledPolicy policy;
    private final LimitCounters counters = new LimitCounters();
    private final Request request = new Request();
    public final List<Recorded> records = new ArrayList<>();

    public RecordingEnforcer(String policyText) {
        LoadResult loaded = PolicyLoader.parse("test.mandate", policyText);
        if (!loaded.ok()) {
            throw new IllegalArgumentException(loaded.render());
        }
        policy = loaded.policy();
    }

    @Override
    public Request request(Kind kind) {
        return request.reset(kind).agent("bot");
    }

    @Override
    public Decision decide(Request r) {
        return policy.decide(r, counters);
    }

    @Override
    public boolean blocks(Decision decision) {
        return decision.denied();
    }

    @Override
    public void record(Request r, Decision decision, boolean blocked, String operation, String display,
                       long startEpochNanos, long durationNanos, Throwable error) {
        List<String> accesses = new ArrayList<>();
        for (int i = 0; i < r.accessCount(); i++) {
            accesses.add(r.operation(i) + " " + r.resource(i));
        }
        records.add(new Recorded(accesses, decision.verdict().name(), decision.ruleId(), blocked, operation, display,
                error));
    }

    @Override
    public Decision consume(Request r, String metric, long amount) {
        return policy.consume(r, metric, amount, counters);
    }

    @Override
    public boolean meters(Kind kind, String metric) {
        return policy.meters(kind, metric);
    }
}
