package io.mandate.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hand-written time formats of the replay agree with the JDK's, across zones, offsets changes and fractions. */
class TimeFormatsTest {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Test
    void localTimesMatchDateTimeFormatterAcrossDaylightSavingChanges() {
        for (String zone : new String[] {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"}) {
            ZoneId id = ZoneId.of(zone);
            LocalClockFormat format = new LocalClockFormat(id);
            SplittableRandom random = new SplittableRandom(zone.hashCode());
            // 2026-03-01 .. 2026-12-01 in steps of about 20 minutes: both daylight-saving changes
            long from = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
            for (long t = from; t < from + 275L * 86_400 * 1_000_000_000L; t += 1_200_000_000_000L + random.nextInt(1_000_000_000)) {
                assertEquals(LOCAL.withZone(id).format(Instant.ofEpochSecond(0, t)), format.format(t), zone + " " + t);
            }
        }
    }

    @Test
    void isoInstantsMatchInstantToString() {
        IsoInstantFormat format = new IsoInstantFormat();
        long[] samples = {0, 1, 999, 1_000, 1_000_000, 1_500_000_000_123_000_000L, 1_795_600_805_000_000_000L,
            1_795_600_805_120_000_000L, 1_795_600_805_123_456_000L, 1_795_600_805_123_456_789L, -1, -1_000_000_000L};
        for (long t : samples) {
            assertEquals(Instant.ofEpochSecond(0, t).toString(), format.format(t), Long.toString(t));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long t = random.nextLong(0, Long.MAX_VALUE);
            assertEquals(Instant.ofEpochSecond(0, t).toString(), format.format(t), Long.toString(t));
        }
    }
}
