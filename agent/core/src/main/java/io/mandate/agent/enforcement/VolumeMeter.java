package io.mandate.agent.enforcement;

import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.Request;

import java.util.function.BiConsumer;

/**
 * Charges the data a call moves (rows read, response bytes, file bytes) to the volume limits of the
 * current chain context, after the call itself was allowed. Every instrumentation that meters goes
 * through here, so the rule is the same everywhere: the amount is always added (it was already moved);
 * when a limit is exceeded the limit's decision is journaled (in audit mode once per thread, chain and
 * limit, which {@link Enforcer#consume} already ensures), and the caller gets that decision back only
 * when it must stop the data (enforce mode), to fail the read with the exception its API declares.
 *
 * Never throws: an internal failure is reported and lets the data through, as the enforcer's
 * failure mode says for metering.
 */
public final class VolumeMeter {
    private final Enforcer enforcer;
    private final BiConsumer<String, Throwable> internalErrors;
    private final EpochClock clock = new EpochClock();

    public VolumeMeter(Enforcer enforcer, BiConsumer<String, Throwable> internalErrors) {
        this.enforcer = enforcer;
        this.internalErrors = internalErrors;
    }

    /** True when the policy has a limit on {@code metric} of {@code kind}: counting is skipped otherwise. */
    public boolean meters(Kind kind, String metric) {
        return enforcer.meters(kind, metric);
    }

    /**
     * Charges {@code amount} of {@code metric} to the current thread's chain context.
     *
     * @param operation the journal event's operation when a limit is exceeded (e.g. {@code read})
     * @param source    what was being read, as the caller knows it; {@code resource} turns it into the
     *                  journal event's resource (a URL without query, a path) only when a limit is
     *                  exceeded, so the counting path allocates nothing
     * @return the limit's decision when the data must be stopped, else null
     */
    public Decision charge(Kind kind, String metric, long amount, String operation, Object source,
                           Resource resource) {
        if (amount <= 0) {
            return null;
        }
        try {
            Request request = enforcer.request(kind);
            Decision over = enforcer.consume(request, metric, amount);
            if (over == null) {
                return null;
            }
            boolean blocked = enforcer.blocks(over);
            enforcer.record(request, over, blocked, operation, resource.of(source), clock.epochNanos(System.nanoTime()), 0L, null);
            return blocked ? over : null;
        } catch (RuntimeException | LinkageError e) {
            internalErrors.accept(kind.keyword() + "." + metric, e);
            return null;
        }
    }

    /** Turns what a metered call read from into the resource the journal shows. */
    @FunctionalInterface
    public interface Resource {
        String of(Object source);
    }

    /** The source is the resource's text already. */
    public static final Resource AS_GIVEN = source -> source == null ? "" : source.toString();

    /** "Mandate stopped http read of http://h/x: limit ... by rule limit:p.mandate:9: reason". */
    public static String message(Kind kind, String operation, String display, Decision decision) {
        StringBuilder s = new StringBuilder("Mandate stopped ").append(kind.keyword()).append(' ').append(operation);
        if (display != null && !display.isEmpty()) {
            s.append(" of ").append(display);
        }
        s.append(" by rule ").append(decision.ruleId());
        if (!decision.reason().isEmpty()) {
            s.append(": ").append(decision.reason());
        }
        return s.toString();
    }
}
