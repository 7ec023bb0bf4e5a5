package io.mandate.agent.instrumentation.http.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestTargetTest {
    @Test
    void queryFragmentAndUserInfoNeverReachTheTarget() {
        assertEquals("https://api.example/v1/items", RequestTarget.of("https://bob:pw@api.example/v1/items?key=s3cret#top"));
        assertEquals("https://api.example/", RequestTarget.of("https://api.example?key=s3cret"));
        assertEquals("http://api.example/", RequestTarget.of("http://api.example"));
    }

    @Test
    void schemeAndHostAreLowerCasedAndTheDefaultPortLeftOut() {
        assertEquals("https://api.example/Path", RequestTarget.of("HTTPS://API.Example:443/Path"));
        assertEquals("http://api.example/", RequestTarget.of("http://api.example:80/"));
        assertEquals("http://api.example:443/", RequestTarget.of("http://api.example:443/"));
        assertEquals("http://127.0.0.1:8080/kb", RequestTarget.of("http://127.0.0.1:8080/kb"));
    }

    @Test
    void ipv6HostsKeepTheirColons() {
        assertEquals("http://[::1]/x", RequestTarget.of("http://[::1]/x"));
        assertEquals("http://[::1]:8080/x", RequestTarget.of("http://[::1]:8080/x"));
    }

    @Test
    void dotSegmentsAreResolvedAsTheServerWill() {
        assertEquals("http://h/admin", RequestTarget.of("http://h/kb/../admin"));
        assertEquals("http://h/admin", RequestTarget.of("http://h/kb/%2e%2E/admin"));
        assertEquals("http://h/kb/", RequestTarget.of("http://h/kb/./"));
        assertEquals("http://h/admin", RequestTarget.of("http://h/../../admin"));
        assertEquals("http://h/kb/..x/a", RequestTarget.of("http://h/kb/..x/a"));
        assertEquals("http://h/", RequestTarget.of("http://h/kb/.."));
    }

    @Test
    void aUrlWithoutAuthorityIsOnlyStrippedOfItsQuery() {
        assertEquals("mailto:someone", RequestTarget.of("mailto:someone?subject=x"));
    }
}
