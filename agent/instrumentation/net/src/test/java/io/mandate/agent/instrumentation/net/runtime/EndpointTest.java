package io.mandate.agent.instrumentation.net.runtime;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class EndpointTest {
    @Test
    void aNameKeepsItsSpellingAndTheAddressIsTheSecondResource() throws UnknownHostException {
        Endpoint endpoint = Endpoint.of("db.internal", InetAddress.getByAddress("db.internal", new byte[] {10, 0, 0, 7}),
                5432);
        assertEquals("db.internal:5432", endpoint.nameResource);
        assertEquals("10.0.0.7:5432", endpoint.addressResource);
    }

    @Test
    void aLiteralIsOneResource() throws UnknownHostException {
        Endpoint endpoint = Endpoint.of("127.0.0.1", InetAddress.getByName("127.0.0.1"), 80);
        assertEquals("127.0.0.1:80", endpoint.nameResource);
        assertNull(endpoint.addressResource);
    }

    @Test
    void ipv6IsBracketedInItsShortFormHoweverItWasSpelled() throws UnknownHostException {
        assertEquals("[::1]:5432", Endpoint.of("0:0:0:0:0:0:0:1", InetAddress.getByName("::1"), 5432).nameResource);
        assertEquals("[2001:db8::1:0:0:1]:443",
                Endpoint.of("2001:DB8:0:0:1:0:0:1", InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 443).nameResource);
        assertEquals("[fe80::1]:22", Endpoint.of("[fe80::1]", null, 22).nameResource);
    }

    @Test
    void shortFormFollowsRfc5952() {
        assertEquals("::", Endpoint.ipv6(new byte[16]));
        assertEquals("2001:db8:0:1:1:1:1:1",
                Endpoint.ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}));
        assertEquals("1::", Endpoint.ipv6(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void anUnresolvedNameHasNoAddress() {
        Endpoint endpoint = Endpoint.of("api.example", null, 443);
        assertEquals("api.example:443", endpoint.nameResource);
        assertNull(endpoint.addressResource);
    }

    @Test
    void theCacheGivesBackTheSameEndpointForTheSameTarget() throws UnknownHostException {
        EndpointCache cache = new EndpointCache();
        InetAddress address = InetAddress.getByName("127.0.0.1");
        Endpoint first = cache.endpoint("localhost", address, 8080);
        assertSame(first, cache.endpoint("localhost", InetAddress.getByName("127.0.0.1"), 8080));
        assertEquals("localhost:8081", cache.endpoint("localhost", address, 8081).nameResource);
    }
}
