package io.mandate.agent.journal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The named fields of one decoded event, in format order: two arrays instead of a LinkedHashMap.
 * A journal replay decodes millions of events of about 25 fields each, and building hash tables
 * for them was most of the decoding time; lookups compare the key's identity first, which hits at
 * once for the decoder's own constant names. Filled by the decoder, then frozen: read-only after.
 */
final class EventFields extends AbstractMap<String, Object> {
    private String[] keys;
    private Object[] values;
    private int size;
    private boolean frozen;
    private final boolean namesMayRepeat;

    /**
     * @param namesMayRepeat false when the decoder puts only its own distinct names (every type but
     *                       lifecycle events, whose attribute names come from the journal): then a
     *                       put appends without looking for the name first
     */
    EventFields(int expected, boolean namesMayRepeat) {
        keys = new String[expected];
        values = new Object[expected];
        this.namesMayRepeat = namesMayRepeat;
    }

    /** While decoding: adds the field, or replaces the value of a field of the same name (as a map would). */
    @Override
    public Object put(String key, Object value) {
        if (frozen) {
            throw new UnsupportedOperationException("the fields of a decoded event are read-only");
        }
        int i = namesMayRepeat ? indexOf(key) : -1;
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2 + 1);
            values = Arrays.copyOf(values, size * 2 + 1);
        }
        keys[size] = key;
        values[size++] = value;
        return null;
    }

    EventFields freeze() {
        frozen = true;
        return this;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        if (key != null) {
            for (int i = 0; i < size; i++) {
                if (key.equals(keys[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
