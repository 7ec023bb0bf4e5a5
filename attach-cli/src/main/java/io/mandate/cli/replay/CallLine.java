package io.mandate.cli.replay;

import java.time.Instant;
import java.time.ZoneId;

import io.mandate.cli.journal.RecordedCall;

/**
 * One call on one line, as the tree, the live tail and the what-if list show it: time, verdict
 * (DENY and FLAG marked), what was called, and the rule that decided.
 */
public final class CallLine {
    private final Style style;
    private final LocalClockFormat clock;

    public CallLine(Style style, ZoneId zone) {
        this.style = style;
        this.clock = new LocalClockFormat(zone);
    }

    public String time(Instant instant) {
        return clock.format(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
    }

    /** {@code 15:01:02.123  DENY   jdbc select SELECT * FROM salaries  [rule: reason] (blocked)}. */
    public String format(RecordedCall call) {
        StringBuilder line = new StringBuilder(160);
        append(line, call);
        return line.toString();
    }

    /** {@link #format} into {@code line}, for callers that build a longer line around it. */
    public void append(StringBuilder line, RecordedCall call) {
        clock.append(line, call.event().epochNanos());
        line.append("  ").append(verdict(call.verdict()))
                .append("  ").append(call.kind()).append(' ').append(call.operation()).append(' ').append(call.resource());
        line.append("  [").append(call.ruleId());
        if (!"ALLOW".equals(call.verdict()) && !call.reason().isEmpty()) {
            line.append(": ").append(call.reason());
        }
        line.append(']');
        if ("DENY".equals(call.verdict())) {
            line.append(call.blocked() ? " blocked" : " (audit: not blocked)");
        }
        if (call.incomplete()) {
            line.append(" (incomplete record)");
        }
    }

    /** The verdict padded to one width, DENY and FLAG marked so they stand out without colour too. */
    public String verdict(String verdict) {
        return switch (verdict) {
            case "DENY" -> style.deny("✗ DENY");
            case "FLAG" -> style.flag("! FLAG");
            case "ALLOW" -> "  ALLOW";
            case "" -> "  ?   ";
            default -> verdict.length() >= 4 ? "  " + verdict : "  " + verdict + " ".repeat(4 - verdict.length());
        };
    }
}
