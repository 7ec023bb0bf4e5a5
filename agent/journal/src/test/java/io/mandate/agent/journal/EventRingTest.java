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
        for (long i = 0; i < 4; i++) {
            assertEquals(i, ring.claim());
            ring.publish(i);
        }
        assertEquals(EventRing.FULL, ring.claim());
        assertSame(ring.slot(0), ring.peek());
        ring.advance();
        assertEquals(4, ring.claim());
    }

    @Test
    void theConsumerSeesOnlyPublishedSlotsInClaimOrder() {
        EventRing ring = new EventRing(8);
        long first = ring.claim();
        long second = ring.claim();
        ring.publish(second);
        assertNull(ring.peek(), "the first claim is not published yet");
        ring.publish(first);
        assertSame(ring.slot(first), ring.peek());
        ring.advance();
        assertSame(ring.slot(second), ring.peek());
        ring.advance();
        assertNull(ring.peek());
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
