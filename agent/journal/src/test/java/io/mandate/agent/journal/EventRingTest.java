package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventRingTest {
    @Test
    void fullAfterCapacityClaimsUntilTheConsumerFreesASlot() {
        EventRing ring = new EventRing(4);
        EventSlot[] events = new EventSlot[4];
        for (int i = 0; i < 4; i++) {
            assertEquals(i, ring.claim());
            events[i] = new EventSlot();
            ring.publish(i, events[i]);
        }
        assertEquals(EventRing.FULL, ring.claim());
        assertSame(events[0], ring.published(0));
        assertEquals(EventRing.FULL, ring.claim(), "taking a slot does not free it");
        ring.release(1);
        assertEquals(4, ring.claim());
        assertEquals(EventRing.FULL, ring.claim());
    }

    @Test
    void theConsumerSeesASlotOnlyOnceItIsPublished() {
        EventRing ring = new EventRing(8);
        long first = ring.claim();
        long second = ring.claim();
        EventSlot firstEvent = new EventSlot();
        EventSlot secondEvent = new EventSlot();
        ring.publish(second, secondEvent);
        assertNull(ring.published(first), "the first claim is not published yet");
        ring.publish(first, firstEvent);
        assertSame(firstEvent, ring.published(first));
        assertSame(secondEvent, ring.published(second));
        assertNull(ring.published(second + 1));
        ring.consumed(first);
        assertNull(ring.published(first), "a consumed cell holds no event");
        ring.release(second + 1);
        assertEquals(second + 1, ring.consumerIndex());
    }

    @Test
    void sealRefusesNewClaimsAndReportsHowFarClaimsWent() {
        EventRing ring = new EventRing(8);
        ring.claim();
        ring.claim();
        assertEquals(2, ring.seal());
        assertEquals(EventRing.CLOSED, ring.claim());
        assertEquals(2, ring.seal());
        assertEquals(2, ring.claimedIndex());
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new EventRing(6));
        assertThrows(IllegalArgumentException.class, () -> JournalOptions.defaults().ringCapacity(1000));
    }
}
