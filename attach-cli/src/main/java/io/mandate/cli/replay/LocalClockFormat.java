package io.mandate.cli.replay;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Formats event times as {@code HH:mm:ss.SSS} in a zone, for the replay's call lines. A journal
 * holds millions of events, and {@code DateTimeFormatter} costs about a microsecond a line, more
 * than reading the event; the zone's offset is looked up once per quarter of an hour of UTC (every
 * offset change of the tz database since 1900 falls on such a boundary) and the digits are written
 * directly. Not thread-safe: one per command.
 */
final class LocalClockFormat {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long QUARTER_HOUR_SECONDS = 15 * 60;
    private static final long SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;
    private long cachedQuarter = Long.MIN_VALUE;
    private int cachedOffsetSeconds;

    LocalClockFormat(ZoneId zone) {
        this.rules = zone.getRules();
    }

    String format(long epochNanos) {
        StringBuilder out = new StringBuilder(12);
        append(out, epochNanos);
        return out.toString();
    }

    void append(StringBuilder out, long epochNanos) {
        long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int millis = (int) (Math.floorMod(epochNanos, NANOS_PER_SECOND) / 1_000_000L);
        long quarter = Math.floorDiv(epochSecond, QUARTER_HOUR_SECONDS);
        if (quarter != cachedQuarter) {
            cachedOffsetSeconds = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
            cachedQuarter = quarter;
        }
        int secondOfDay = (int) Math.floorMod(epochSecond + cachedOffsetSeconds, SECONDS_PER_DAY);
        twoDigits(out, secondOfDay / 3600);
        out.append(':');
        twoDigits(out, secondOfDay / 60 % 60);
        out.append(':');
        twoDigits(out, secondOfDay % 60);
        out.append('.');
        out.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
    }

    private static void twoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
