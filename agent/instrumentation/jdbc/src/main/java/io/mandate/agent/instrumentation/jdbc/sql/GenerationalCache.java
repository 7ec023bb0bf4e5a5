package io.mandate.agent.instrumentation.jdbc.sql;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache with lock-free hits: entries live in a young map; when it is full (by entries
 * or by the total length of the keys, since SQL texts can be huge) it becomes the old map and
 * the previous old map is dropped. A hit in the old map is promoted, so SQL in steady use
 * survives rotations and the cache holds at most two generations.
 */
final class GenerationalCache<V> {
    private final int maxEntries;
    private final long maxKeyChars;
    private volatile Generation<V> young = new Generation<>();
    private volatile Generation<V> old = new Generation<>();

    GenerationalCache(int maxEntries, long maxKeyChars) {
        this.maxEntries = maxEntries;
        this.maxKeyChars = maxKeyChars;
    }

    V get(String key) {
        V value = young.map.get(key);
        if (value == null) {
            value = old.map.get(key);
            if (value != null) {
                put(key, value);
            }
        }
        return value;
    }

    void put(String key, V value) {
        Generation<V> current = young;
        if (current.map.putIfAbsent(key, value) == null) {
            long chars = current.addChars(key.length());
            if (current.map.size() >= maxEntries || chars >= maxKeyChars) {
                rotate(current);
            }
        }
    }

    private synchronized void rotate(Generation<V> full) {
        if (young == full) {
            old = full;
            young = new Generation<>();
        }
    }

    void clear() {
        synchronized (this) {
            young = new Generation<>();
            old = new Generation<>();
        }
    }

    private static final class Generation<V> {
        final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
        private long chars;

        synchronized long addChars(int count) {
            chars += count;
            return chars;
        }
    }
}
