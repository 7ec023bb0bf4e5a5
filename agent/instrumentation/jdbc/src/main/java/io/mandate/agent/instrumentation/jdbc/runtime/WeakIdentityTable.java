package io.mandate.agent.instrumentation.jdbc.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A bounded map keyed by object identity that never keeps its keys alive: entries of collected
 * keys are purged on every write, and when a stripe is full its oldest entry is evicted. Lookups
 * allocate nothing (no wrapper key is built). Striped locks keep threads that use different
 * statements apart. Values must not refer to their key, or the key can never be collected.
 */
final class WeakIdentityTable<V> {
    private static final int STRIPES = 16;

    private final Stripe<V>[] stripes;

    @SuppressWarnings({"unchecked", "rawtypes"})
    WeakIdentityTable(int maxEntries) {
        int perStripe = Math.max(4, maxEntries / STRIPES);
        stripes = new Stripe[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe<>(perStripe);
        }
    }

    V get(Object key) {
        int hash = System.identityHashCode(key);
        return stripeFor(hash).get(key, hash);
    }

    void put(Object key, V value) {
        int hash = System.identityHashCode(key);
        stripeFor(hash).put(key, hash, value);
    }

    void remove(Object key) {
        int hash = System.identityHashCode(key);
        stripeFor(hash).remove(key, hash);
    }

    int size() {
        int size = 0;
        for (Stripe<V> stripe : stripes) {
            size += stripe.size();
        }
        return size;
    }

    void clear() {
        for (Stripe<V> stripe : stripes) {
            stripe.clear();
        }
    }

    private Stripe<V> stripeFor(int hash) {
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        V value;
        Entry<V> next;       // bucket chain
        Entry<V> newer;      // insertion order, oldest first, for eviction
        Entry<V> older;

        Entry(Object key, int hash, V value, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
        }
    }

    private static final class Stripe<V> {
        private final int capacity;
        private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
        private Entry<V>[] buckets;
        private Entry<V> oldest;
        private Entry<V> newest;
        private int size;

        Stripe(int capacity) {
            this.capacity = capacity;
            this.buckets = newBuckets(16);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static <V> Entry<V>[] newBuckets(int length) {
            return new Entry[length];
        }

        synchronized V get(Object key, int hash) {
            for (Entry<V> e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e.value;
                }
            }
            return null;
        }

        synchronized void put(Object key, int hash, V value) {
            purgeCollected();
            int index = hash & (buckets.length - 1);
            for (Entry<V> e = buckets[index]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    e.value = value;
                    return;
                }
            }
            if (size >= capacity) {
                unlink(oldest);
                index = hash & (buckets.length - 1);
            }
            Entry<V> entry = new Entry<>(key, hash, value, collected);
            entry.next = buckets[index];
            buckets[index] = entry;
            entry.older = newest;
            if (newest != null) {
                newest.newer = entry;
            }
            newest = entry;
            if (oldest == null) {
                oldest = entry;
            }
            size++;
            if (size > buckets.length * 3 / 4 && buckets.length < Integer.highestOneBit(Math.max(16, capacity)) * 2) {
                resize();
            }
        }

        synchronized void remove(Object key, int hash) {
            for (Entry<V> e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    unlink(e);
                    return;
                }
            }
        }

        synchronized int size() {
            purgeCollected();
            return size;
        }

        synchronized void clear() {
            buckets = newBuckets(16);
            oldest = null;
            newest = null;
            size = 0;
            while (collected.poll() != null) {
                // drop stale notifications of the old entries
            }
        }

        @SuppressWarnings("unchecked")
        private void purgeCollected() {
            Object stale;
            while ((stale = collected.poll()) != null) {
                unlink((Entry<V>) stale);
            }
        }

        private void unlink(Entry<V> entry) {
            int index = entry.hash & (buckets.length - 1);
            Entry<V> previous = null;
            for (Entry<V> e = buckets[index]; e != null; previous = e, e = e.next) {
                if (e == entry) {
                    if (previous == null) {
                        buckets[index] = e.next;
                    } else {
                        previous.next = e.next;
                    }
                    if (entry.older != null) {
                        entry.older.newer = entry.newer;
                    } else {
                        oldest = entry.newer;
                    }
                    if (entry.newer != null) {
                        entry.newer.older = entry.older;
                    } else {
                        newest = entry.older;
                    }
                    entry.value = null;
                    entry.next = null;
                    entry.newer = null;
                    entry.older = null;
                    size--;
                    return;
                }
            }
            // not found: already unlinked (evicted before its key was collected)
        }

        private void resize() {
            Entry<V>[] larger = newBuckets(buckets.length * 2);
            for (Entry<V> head : buckets) {
                Entry<V> e = head;
                while (e != null) {
                    Entry<V> next = e.next;
                    int index = e.hash & (larger.length - 1);
                    e.next = larger[index];
                    larger[index] = e;
                    e = next;
                }
            }
            buckets = larger;
        }
    }
}
