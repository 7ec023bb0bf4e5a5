package io.mandate.cli.replay;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats epoch nanoseconds exactly as {@link Instant#toString()} does (UTC, the fraction in groups
 * of three digits as needed), for the {@code time} of every JSON line. Instant.toString costs more
 * than decoding the event; here the date part is kept per day and the rest written directly.
 * Years outside 1970–9999 go through Instant.toString. Not thread-safe: one per writer.
 */
final class IsoInstantFormat {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400;
    /** 10000-01-01T00:00:00Z: from here Instant.toString writes a '+' and more digits. */
    private static final long YEAR_10000_SECONDS = 253_402_300_800L;

    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    String format(long epochNanos) {
        StringBuilder out = new StringBuilder(30);
        append(out, epochNanos);
        return out.toString();
    }

    void append(StringBuilder out, long epochNanos) {
        long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        if (epochSecond < 0 || epochSecond >= YEAR_10000_SECONDS) {
            out.append(Instant.ofEpochSecond(epochSecond, nanos));
            return;
        }
        long day = epochSecond / SECONDS_PER_DAY;
        if (day != cachedDay) {
            cachedDate = LocalDate.ofEpochDay(day) + "T";
            cachedDay = day;
        }
        int secondOfDay = (int) (epochSecond % SECONDS_PER_DAY);
        out.append(cachedDate);
        twoDigits(out, secondOfDay / 3600);
        out.append(':');
        twoDigits(out, secondOfDay / 60 % 60);
        out.append(':');
        twoDigits(out, secondOfDay % 60);
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    private static void twoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void digits(StringBuilder out, int value, int width) {
        int start = out.length();
        for (int i = 0; i < width; i++) {
            out.append('0');
        }
        for (int i = width - 1; i >= 0; i--) {
            out.setCharAt(start + i, (char) ('0' + value % 10));
            value /= 10;
        }
    }
}
