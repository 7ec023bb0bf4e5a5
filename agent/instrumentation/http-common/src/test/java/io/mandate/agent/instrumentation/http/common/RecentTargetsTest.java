package io.mandate.agent.instrumentation.http.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A remembered target is always the one RequestTarget.of gives for that very URL, however slots collide. */
class RecentTargetsTest {
    private final RecentTargets targets = new RecentTargets();

    @Test
    void everyAnswerIsTheUrlsOwnTargetThoughManyMoreUrlsThanSlotsCompete() {
        List<String> urls = urls(2_000);
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < urls.size(); i++) {
                // interleave two distant URLs so that slots are replaced back and forth
                String url = urls.get(pass % 2 == 0 ? i : urls.size() - 1 - i);
                assertEquals(RequestTarget.of(url), targets.targetOf(url), url);
            }
        }
    }

    @Test
    void anEqualUrlInAnotherStringIsAnsweredFromTheEntry() {
        String url = "HTTPS://API.Example:443/kb/../v1/items?key=s3cret";
        String first = targets.targetOf(url);
        String again = targets.targetOf(new String(url.toCharArray()));
        assertEquals("https://api.example/v1/items", first);
        assertSame(first, again);
    }

    @Test
    void threadsSharingTheCacheNeverGetAnotherUrlsTarget() throws Exception {
        List<String> urls = urls(1_000);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t * 97;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    String url = urls.get((i * 31 + offset) % urls.size());
                    String target = targets.targetOf(url);
                    if (!target.equals(RequestTarget.of(url))) {
                        wrong.add(url + " -> " + target);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(wrong.isEmpty(), wrong.toString());
    }

    private static List<String> urls(int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add((i % 3 == 0 ? "HTTP://Host" : "https://host") + (i % 7) + ".example:" + (8000 + i % 5) + "/v1/items/" + i
                    + (i % 4 == 0 ? "/../x" : "") + "?page=" + i);
        }
        return urls;
    }
}
