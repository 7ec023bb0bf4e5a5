package io.mandate.policy.ast;

import java.util.List;
import java.util.Locale;

/** Size units of byte limits. Binary multiples: 1 KB = 1 KiB = 1024 bytes, as most tools count memory and files. */
public final class ByteUnit {
    public static final List<String> NAMES = List.of("B", "KB", "MB", "GB", "KiB", "MiB", "GiB");

    private ByteUnit() {
    }

    public static boolean known(String unit) {
        return multiplierOrZero(unit) != 0;
    }

    public static long multiplier(String unit) {
        long m = multiplierOrZero(unit);
        if (m == 0) {
            throw new IllegalArgumentException("unknown unit " + unit);
        }
        return m;
    }

    private static long multiplierOrZero(String unit) {
        if (unit == null || unit.isEmpty()) {
            return 1;
        }
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "b": return 1;
            case "kb": case "kib": return 1024L;
            case "mb": case "mib": return 1024L * 1024;
            case "gb": case "gib": return 1024L * 1024 * 1024;
            default: return 0;
        }
    }
}
