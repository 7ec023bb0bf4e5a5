package io.mandate.policy.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A precompiled glob over a region of a string: {@code *} matches any run of characters that holds
 * no separator, {@code **} any run at all; every other character is literal. No regular
 * expressions and no allocation when matching.
 */
public final class Glob {
    /** Separator value for globs whose {@code *} may cross anything. */
    public static final char NO_SEPARATOR = '\uFFFF';

    private static final byte LITERAL = 0;
    private static final byte STAR = 1;
    private static final byte DOUBLE_STAR = 2;

    private final String pattern;
    private final byte[] kinds;
    private final String[] literals;
    private final char separator;
    private final boolean ignoreCase;

    private Glob(String pattern, byte[] kinds, String[] literals, char separator, boolean ignoreCase) {
        this.pattern = pattern;
        this.kinds = kinds;
        this.literals = literals;
        this.separator = separator;
        this.ignoreCase = ignoreCase;
    }

    public static Glob compile(String pattern, char separator, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        List<Byte> kinds = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            if (p.charAt(i) == '*') {
                int run = 0;
                while (i < p.length() && p.charAt(i) == '*') {
                    run++;
                    i++;
                }
                byte kind = run >= 2 || separator == NO_SEPARATOR ? DOUBLE_STAR : STAR;
                int last = kinds.size() - 1;
                if (last >= 0 && kinds.get(last) != LITERAL) {
                    // "*" next to "**" adds nothing; keep the wider one.
                    if (kind == DOUBLE_STAR) {
                        kinds.set(last, DOUBLE_STAR);
                    }
                    continue;
                }
                kinds.add(kind);
                literals.add(null);
            } else {
                int start = i;
                while (i < p.length() && p.charAt(i) != '*') {
                    i++;
                }
                kinds.add(LITERAL);
                literals.add(p.substring(start, i));
            }
        }
        byte[] k = new byte[kinds.size()];
        for (int j = 0; j < k.length; j++) {
            k[j] = kinds.get(j);
        }
        return new Glob(pattern, k, literals.toArray(new String[0]), separator, ignoreCase);
    }

    public String pattern() {
        return pattern;
    }

    /** True when the pattern has no wildcard: it matches exactly one string. */
    public boolean isLiteral() {
        return kinds.length == 0 || (kinds.length == 1 && kinds[0] == LITERAL);
    }

    /** True when the pattern matches every string ({@code **}, or {@code *} without separator). */
    public boolean matchesEverything() {
        return kinds.length == 1 && kinds[0] == DOUBLE_STAR;
    }

    public boolean matches(CharSequence s) {
        return matches(s, 0, s.length());
    }

    public boolean matches(CharSequence s, int from, int to) {
        return match(0, s, from, to);
    }

    private boolean match(int ti, CharSequence s, int si, int end) {
        while (ti < kinds.length) {
            byte kind = kinds[ti];
            if (kind == LITERAL) {
                String lit = literals[ti];
                if (end - si < lit.length() || !regionEquals(s, si, lit)) {
                    return false;
                }
                si += lit.length();
                ti++;
                continue;
            }
            if (ti + 1 == kinds.length) {
                return kind == DOUBLE_STAR || indexOfSeparator(s, si, end) < 0;
            }
            // The next token is a literal (stars never follow stars): try it where its first char occurs.
            char first = literals[ti + 1].charAt(0);
            for (int k = si; k < end; k++) {
                char c = s.charAt(k);
                if (lower(c) == first && match(ti + 1, s, k, end)) {
                    return true;
                }
                if (kind == STAR && c == separator) {
                    return false;
                }
            }
            return false;
        }
        return si == end;
    }

    private boolean regionEquals(CharSequence s, int from, String lit) {
        for (int i = 0; i < lit.length(); i++) {
            if (lower(s.charAt(from + i)) != lit.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private char lower(char c) {
        if (!ignoreCase) {
            return c;
        }
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    private int indexOfSeparator(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == separator) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
