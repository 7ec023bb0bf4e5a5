package io.mandate.policy.ast;

import io.mandate.policy.Kind;

/**
 * {@code limit kind metric amount [unit] per scope [per window]}. {@code unit} is "" or a byte unit
 * as written (KB, MB, GB, KiB, MiB, GiB); {@link #effectiveAmount()} applies it.
 */
public record Limit(Kind kind, String metric, long amount, String unit, LimitScope scope, LimitWindow window, Pos pos) {
    public Limit {
        unit = unit == null ? "" : unit;
    }

    public long effectiveAmount() {
        return Math.multiplyExact(amount, ByteUnit.multiplier(unit));
    }

    /** The limit as a person reads it, canonical: {@code limit jdbc rows 10000 per chain}. */
    public String describe() {
        return "limit " + kind.keyword() + " " + metric + " " + amount + unit + " per " + scope.keyword()
                + (window == LimitWindow.NONE ? "" : " per " + window.keyword());
    }
}
