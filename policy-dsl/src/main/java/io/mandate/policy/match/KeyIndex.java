package io.mandate.policy.match;

import java.util.Locale;
import java.util.Map;

/**
 * An immutable open-addressing hash map from lower-case keys to values, looked up by a region of
 * another string compared case-insensitively, so finding a table's last segment or a URL's host
 * allocates nothing.
 */
public final class KeyIndex<V> {
    private final String[] keys;
    private final Object[] values;
    private final int mask;

    public KeyIndex(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (Map.Entry<String, V> e : entries.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            int slot = hash(key, 0, key.length()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = e.getValue();
        }
    }

    /** The value keyed by the region {@code from..to} of {@code s}, whose {@link #hash} the caller computed once for several indexes. */
    @SuppressWarnings("unchecked")
    public V get(String s, int from, int to, int hash) {
        int slot = hash & mask;
        int length = to - from;
        while (true) {
            String key = keys[slot];
            if (key == null) {
                return null;
            }
            if (key.length() == length && key.regionMatches(true, 0, s, from, length)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The case-insensitive hash of a region, as the index computes it. */
    public static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (c >= 128) {
                c = Character.toLowerCase(c);
            }
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }
}
