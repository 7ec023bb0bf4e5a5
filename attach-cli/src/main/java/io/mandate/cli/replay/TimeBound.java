package io.mandate.cli.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mandate.cli.UsageException;

/**
 * Parses the times of {@code --since} and {@code --until}: an ISO-8601 instant or offset date-time
 * ({@code 2026-11-25T15:00:00Z}), a local date-time or date in the given zone
 * ({@code 2026-11-25T15:00}, {@code 2026-11-25}), or a time ago ({@code 30s 10m 2h 1d}).
 */
public final class TimeBound {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private TimeBound() {
    }

    public static Instant parse(String text, Instant now, ZoneId zone) {
        String t = text.trim();
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            Duration ago = switch (relative.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(ago);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new UsageException("cannot read the time '" + text
                            + "': use ISO-8601 (2026-11-25T15:00:00Z, 2026-11-25T15:00) or a time ago (30s, 10m, 2h, 1d)");
                }
            }
        }
    }
}
