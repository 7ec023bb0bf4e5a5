package io.mandate.agent.enforcement;

import io.mandate.agent.config.Mode;
import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.Journal;
import io.mandate.bootstrap.CallGuard;
import io.mandate.bootstrap.ChainContext;
import io.mandate.bootstrap.ContextHolder;
import io.mandate.policy.CompiledPolicy;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.Request;
import io.mandate.policy.Verdict;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The enforcer: the current policy (a volatile reference, swapped whole on reload) decides each call
 * in its chain context, with the limit counters kept outside the policy so a reload keeps the
 * counts. Revoked chains are denied before the policy is asked.
 *
 * Without a policy every call gets the default decision, DENY: enforce mode stops every call, audit
 * mode journals every call as what a policy would have to allow.
 */
public final class PolicyEnforcer implements Enforcer {
    static final String NO_POLICY_RULE = "default";
    static final String REVOKED_RULE = "revoked";
    static final String INTERNAL_ERROR_RULE = "internal-error";

    private volatile Mode mode;
    private final OnError onError;
    private final String defaultAgent;
    private final LimitCounters counters;
    private final RevocationRegistry revocations;
    private final Journal journal;
    private final InternalErrors errors;
    private final HourClock clock;
    private final DecisionCounters decisions = new DecisionCounters();
    private final boolean countedByJournal;
    private final ThreadLocal<CallScratch> scratch = ThreadLocal.withInitial(CallScratch::new);
    /** A request's origin when {@link #request} built it outside any chain. */
    private static final Object OUTSIDE_ANY_CHAIN = new Object();
    private final List<Consumer<ChainContext>> closingHooks = new CopyOnWriteArrayList<>();
    private volatile CompiledPolicy policy;

    private final Decision noPolicy = new Decision(Verdict.DENY, NO_POLICY_RULE, "no policy configured", "");
    private final Decision revoked = new Decision(Verdict.DENY, REVOKED_RULE,
            "the chain or a chain it was delegated from is revoked", "");
    private final Decision internalErrorAllow = new Decision(Verdict.ALLOW, INTERNAL_ERROR_RULE,
            "the agent failed to decide; onError=open lets the call through", "");
    private final Decision internalErrorDeny = new Decision(Verdict.DENY, INTERNAL_ERROR_RULE,
            "the agent failed to decide; onError=closed denies the call", "");

    /**
     * @param policy       the policy to decide with, or null for none (every call gets the default DENY)
     * @param defaultAgent the identity of calls made outside any chain
     */
    public PolicyEnforcer(CompiledPolicy policy, Mode mode, OnError onError, String defaultAgent, LimitCounters counters,
                          RevocationRegistry revocations, Journal journal, InternalErrors errors) {
        this.policy = policy;
        this.mode = mode;
        this.onError = onError;
        this.defaultAgent = defaultAgent;
        this.counters = counters;
        this.revocations = revocations;
        this.journal = journal;
        this.errors = errors;
        this.clock = new HourClock(ZoneId.systemDefault());
        // a journal with a writer thread counts the decisions there: an atomic increment less per call
        this.countedByJournal = journal.tallyCallsWith(decisions::countJournaled);
    }

    /** Replaces the policy for every call from now on; counters carry over. */
    public void replacePolicy(CompiledPolicy newPolicy) {
        policy = newPolicy;
    }

    public CompiledPolicy policy() {
        return policy;
    }

    public Mode mode() {
        return mode;
    }

    /** Switches between audit and enforce for every call from now on (calls in flight keep theirs). */
    public void switchMode(Mode newMode) {
        mode = newMode;
    }

    /**
     * What was decided so far, per kind, operation and verdict. When the journal counts, this first
     * waits (bounded) until its writer has counted every call recorded before.
     */
    public DecisionCounters decisions() {
        if (countedByJournal) {
            journal.flush();
        }
        return decisions;
    }

    /**
     * A fresh request: a request outlives the decision (the call's record is filled from it after
     * the call returns, and a nested call on the same thread needs its own), so only a caller that
     * knows when its request is free again reuses one ({@link #request(Request, Kind, ChainContext)}).
     */
    @Override
    public Request request(Kind kind) {
        return request(kind, ContextHolder.current());
    }

    @Override
    public Request request(Kind kind, ChainContext context) {
        return request(new Request(), kind, context);
    }

    /** Sets every context field, so the request's setters skip the ones a reused request already holds. */
    @Override
    public Request request(Request reuse, Kind kind, ChainContext context) {
        reuse.forKind(kind).origin(context == null ? OUTSIDE_ANY_CHAIN : context);
        if (context == null) {
            reuse.agent(defaultAgent).chain("", "", 0, "").user("").step("", "");
        } else {
            reuse.agent(context.agent())
                    .chain(context.chainId(), context.rootChainId(), context.depth(), context.purpose())
                    .user(context.user())
                    .step(context.stepId(), context.tool());
        }
        return reuse;
    }

    @Override
    public Decision decide(Request request) {
        try {
            if (revocations.anyRevoked() && revocations.isRevoked(contextOf(request), request.agent())) {
                return revoked;
            }
            CompiledPolicy current = policy;
            if (current == null) {
                return noPolicy;
            }
            if (current.readsHourOfDay()) {
                // read here, by the policy that decides: a clock read costs a fifth of a decision
                request.hourOfDay(clock.hourOfDay());
            }
            Decision decision = current.decide(request, counters);
            if (decision == null) {
                throw new IllegalStateException("policy " + current.name() + " returned no decision");
            }
            return decision;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            errors.report("the policy decision", e);
            return onError == OnError.OPEN ? internalErrorAllow : internalErrorDeny;
        }
    }

    @Override
    public boolean blocks(Decision decision) {
        return decision == revoked || mode == Mode.ENFORCE && decision.denied();
    }

    @Override
    public void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                       long startEpochNanos, long durationNanos, Throwable error) {
        record(request, decision, blocked, operation, displayResource, startEpochNanos, durationNanos, error, "", 0L);
    }

    @Override
    public void record(Request request, Decision decision, boolean blocked, String operation, String displayResource,
                       long startEpochNanos, long durationNanos, Throwable error, String unitsMetric, long units) {
        CallGuard.enter(); // the journal's own work is never a call to decide
        CallRecord record = null;
        boolean complete = false;
        try {
            record = journal.claimCall();
            String mainOperation = operation != null ? operation
                    : request.accessCount() > 0 ? request.operation(0) : "";
            fill(record, request, mainOperation,
                    displayResource != null ? displayResource : request.accessCount() > 0 ? request.resource(0) : "",
                    startEpochNanos);
            record.setOutcome(decision.verdict().name(), decision.ruleId(), decision.reason(), decision.policyHash(),
                    blocked, error == null ? "" : error.getClass().getName(), durationNanos);
            record.setUnits(unitsMetric, units, false, 0L);
            if (!countedByJournal) {
                decisions.count(request.kind(), mainOperation, decision.verdict(), blocked);
            }
            complete = true;
        } catch (RuntimeException | LinkageError e) {
            errors.report("journaling a call", e);
        } finally {
            if (record != null) {
                journal.publishClaimed(record, complete);
            }
            CallGuard.exit();
        }
    }

    @Override
    public void recordUsage(Request request, String operation, String displayResource, String unitsMetric, long units,
                            long calls, long epochNanos) {
        CallGuard.enter();
        CallRecord record = null;
        boolean complete = false;
        try {
            // a usage record decides nothing: no verdict, rule or duration; the mode tells a what-if
            // whether a limit it crosses would have stopped the reading
            record = journal.claimCall();
            fill(record, request, operation, displayResource, epochNanos);
            record.setOutcome("", "", "", "", false, "", 0L);
            record.setUnits(unitsMetric, units, true, calls);
            complete = true;
        } catch (RuntimeException | LinkageError e) {
            errors.report("journaling a call's usage", e);
        } finally {
            if (record != null) {
                journal.publishClaimed(record, complete);
            }
            CallGuard.exit();
        }
    }

    /** What every journaled call and usage carries: context, what, when, where, mode (the rest is the caller's). */
    private void fill(CallRecord record, Request request, String operation, String resource, long epochNanos) {
        ChainContext context = builtContext(request);
        record.setContext(request.agent(), request.chainId(), context == null ? "" : context.parentChainId(),
                request.rootChainId(), request.chainDepth(), request.stepId(), request.tool(), request.purpose(),
                request.user());
        record.setCall(request.kind().keyword(), operation, resource, epochNanos, Thread.currentThread().getName(),
                mode.keyword());
        int accesses = request.accessCount();
        record.setAccessCount(accesses);
        for (int i = 0; i < accesses; i++) {
            record.setAccess(i, request.operation(i), request.resource(i));
        }
    }

    @Override
    public void onContextClosing(Consumer<ChainContext> hook) {
        closingHooks.add(hook);
    }

    /** A chain or step is closing on this thread: the modules hand over what they hold for it. */
    public void contextClosing(ChainContext context) {
        for (Consumer<ChainContext> hook : closingHooks) {
            try {
                hook.accept(context);
            } catch (RuntimeException | LinkageError e) {
                errors.report("a module's work before a chain closes", e);
            }
        }
    }

    @Override
    public Decision consume(Request request, String metric, long amount) {
        CompiledPolicy current = policy;
        if (current == null) {
            return null;
        }
        try {
            Decision decision = current.consume(request, metric, amount, counters);
            if (decision == null || blocks(decision)) {
                return decision;
            }
            CallScratch thread = scratch.get();
            if (thread.lastUnblockedLimit == decision && thread.lastUnblockedLimitChain.equals(request.chainId())) {
                return null;
            }
            thread.lastUnblockedLimit = decision;
            thread.lastUnblockedLimitChain = request.chainId();
            return decision;
        } catch (RuntimeException | LinkageError e) {
            errors.report("policy metering", e);
            return onError == OnError.CLOSED && blocks(internalErrorDeny) ? internalErrorDeny : null;
        }
    }

    @Override
    public boolean meters(Kind kind, String metric) {
        CompiledPolicy current = policy;
        try {
            return current != null && current.meters(kind, metric);
        } catch (RuntimeException | LinkageError e) {
            errors.report("policy metering", e);
            return false;
        }
    }

    /**
     * Runs the decision and record paths once without deciding for real (fresh counters, nothing
     * journaled), so the classes they need are loaded now, at start, and never for the first time
     * inside an intercepted JDK call where loading them could recurse.
     */
    public void warmUp() {
        CallGuard.enter();
        try {
            Request request = request(Kind.JDBC).access("select", "mandate_warm_up");
            CompiledPolicy current = policy;
            Decision decision = current == null ? noPolicy : current.decide(request, new LimitCounters());
            blocks(decision);
            fill(new CallRecord(), request, "select", "mandate_warm_up", 0L);
            revocations.isRevoked(null, defaultAgent);
            new DecisionCounters().count(Kind.JDBC, "select", Verdict.ALLOW, false);
        } finally {
            CallGuard.exit();
        }
    }

    private static ChainContext contextOf(Request request) {
        Object origin = request.origin();
        return origin instanceof ChainContext || origin == OUTSIDE_ANY_CHAIN ? builtContext(request)
                : ContextHolder.current();
    }

    /** The context {@link #request} built the request in; null outside any chain or for a request it did not build. */
    private static ChainContext builtContext(Request request) {
        return request.origin() instanceof ChainContext context ? context : null;
    }
}
