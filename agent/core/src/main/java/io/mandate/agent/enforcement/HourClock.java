package io.mandate.agent.enforcement;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The local hour of day (0-23) that policies' time conditions see, computed once per hour: a call
 * pays one clock read and a compare. Hour and the instant it stops being valid share one volatile
 * long, so a reader never sees one without the other; time-zone transitions land at the next hour.
 */
final class HourClock {
    private static final int HOUR_BITS = 5;
    private static final long HOUR_MASK = (1L << HOUR_BITS) - 1;

    private final ZoneId zone;
    private volatile long validUntilAndHour;

    HourClock(ZoneId zone) {
        this.zone = zone;
    }

    int hourOfDay() {
        long packed = validUntilAndHour;
        long now = System.currentTimeMillis();
        return now < packed >>> HOUR_BITS ? (int) (packed & HOUR_MASK) : refresh(now);
    }

    int hourOfDay(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).getHour();
    }

    private int refresh(long now) {
        ZonedDateTime time = Instant.ofEpochMilli(now).atZone(zone);
        long nextHour = time.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant().toEpochMilli();
        int hour = time.getHour();
        validUntilAndHour = nextHour << HOUR_BITS | hour;
        return hour;
    }
}
