package io.mandate.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mandate.agent.journal.JournalRollCycle;

/** The value syntax of the journal's roll and retention keys (docs/configuration.md, "Journal retention"). */
final class JournalRetentionValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhd])");
    static final String ROLL_VALUES = "daily, hourly, five-minutely, secondly";

    private JournalRetentionValues() {
    }

    /** {@code daily}, {@code hourly}, {@code five-minutely} or {@code secondly}; null otherwise. */
    static JournalRollCycle roll(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "daily":
                return JournalRollCycle.DAILY;
            case "hourly":
                return JournalRollCycle.HOURLY;
            case "five-minutely":
                return JournalRollCycle.FIVE_MINUTELY;
            case "secondly":
                return JournalRollCycle.SECONDLY;
            default:
                return null;
        }
    }

    static String keyword(JournalRollCycle roll) {
        return roll.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Bytes from {@code 512m}, {@code 10g}, {@code 1t}, {@code 4096} (binary units); -1 when not a size. */
    static long size(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        int shift = "kmgt".indexOf(m.group(2).isEmpty() ? ' ' : m.group(2).charAt(0));
        try {
            long number = Long.parseLong(m.group(1));
            long bytes = shift < 0 ? number : number << (10 * (shift + 1));
            return number > 0 && bytes >> (shift < 0 ? 0 : 10 * (shift + 1)) == number ? bytes : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** An age from {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}; null when not an age. */
    static Duration age(String value) {
        Matcher m = AGE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (number <= 0 || number > 100_000L * 24 * 3600) {
            return null;
        }
        switch (m.group(2)) {
            case "s":
                return Duration.ofSeconds(number);
            case "m":
                return Duration.ofMinutes(number);
            case "h":
                return Duration.ofHours(number);
            default:
                return Duration.ofDays(number);
        }
    }
}
