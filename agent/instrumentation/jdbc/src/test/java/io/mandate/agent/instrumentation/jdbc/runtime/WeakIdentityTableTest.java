package io.mandate.agent.instrumentation.jdbc.runtime;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeakIdentityTableTest {
    @Test
    void keysAreComparedByIdentityNotEquality() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(100);
        String first = new String("statement");
        String equalButOther = new String("statement");
        table.put(first, "a");
        assertEquals("a", table.get(first));
        assertNull(table.get(equalButOther));
        table.put(first, "b");
        assertEquals("b", table.get(first));
        assertEquals(1, table.size());
        table.remove(first);
        assertNull(table.get(first));
    }

    @Test
    void fullTableForgetsItsOldestEntries() {
        WeakIdentityTable<Integer> table = new WeakIdentityTable<>(64); // 4 per stripe
        Object[] keys = new Object[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
            table.put(keys[i], i);
        }
        assertTrue(table.size() <= 64, "bounded: " + table.size());
        assertEquals(999, table.get(keys[999]), "the newest entry is kept");
    }

    @Test
    void entriesNeverKeepTheirKeyAliveAndAreDroppedOnceItIsCollected() throws InterruptedException {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(1000);
        WeakReference<Object> watched = fill(table);
        for (int attempt = 0; attempt < 50 && watched.get() != null; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(watched.get(), "the table did not pin its key");
        for (int attempt = 0; attempt < 50 && table.size() > 0; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, table.size());
    }

    @Test
    void collectedKeysArePurgedWithoutClearing() throws InterruptedException {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(10_000);
        for (int i = 0; i < 500; i++) {
            table.put(new Object(), "garbage " + i);
        }
        Object kept = new Object();
        table.put(kept, "kept");
        for (int attempt = 0; attempt < 50 && table.size() > 1; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1, table.size());
        assertEquals("kept", table.get(kept));
    }

    private static WeakReference<Object> fill(WeakIdentityTable<String> table) {
        Object key = new Object();
        table.put(key, "prepared sql");
        return new WeakReference<>(key);
    }
}
