package io.mandate.agent.instrumentation.net.runtime;

import io.mandate.agent.testing.RecordingEnforcer;

import io.mandate.api.PolicyDenial;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetEnforcementTest {
    private static final String POLICY = String.join("\n",
            "policy \"p\"",
            "agent \"*\" {",
            "  allow net connect to \"api.example:443\", \"127.0.0.1:5432\"",
            "  deny net connect to \"169.254.169.254\" reason \"cloud metadata\"",
            "  flag net connect to \"*.flagged.example\"",
            "}");

    private final RecordingEnforcer enforcer = new RecordingEnforcer(POLICY);
    private final NetEnforcement enforcement = new NetEnforcement(enforcer, (where, error) -> {
        throw new AssertionError(where, error);
    });

    private static InetSocketAddress resolved(String name, int a, int b, int c, int d, int port)
            throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(name, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}),
                port);
    }

    @Test
    void aNameTheRulesAllowIsAllowedWhateverUnnamedAddressItResolvedTo() throws UnknownHostException {
        Object call = enforcement.beforeConnect(resolved("api.example", 93, 184, 215, 14, 443));
        assertFalse(call instanceof Throwable);
        enforcement.afterConnect(call, null);
        RecordingEnforcer.Recorded record = enforcer.records.get(0);
        assertEquals("ALLOW", record.verdict());
        assertEquals(List.of("connect api.example:443", "connect 93.184.215.14:443"), record.accesses());
        assertEquals("api.example:443", record.display());
    }

    @Test
    void anAddressTheRulesAllowIsAllowedUnderAnyName() throws UnknownHostException {
        Object call = enforcement.beforeConnect(resolved("localhost", 127, 0, 0, 1, 5432));
        assertFalse(call instanceof Throwable);
    }

    @Test
    void anAllowedNameResolvingToADeniedAddressIsDenied() throws UnknownHostException {
        Object call = enforcement.beforeConnect(resolved("api.example", 169, 254, 169, 254, 443));
        NetPolicyDenial denial = assertInstanceOf(NetPolicyDenial.class, call);
        assertInstanceOf(ConnectException.class, denial);
        assertInstanceOf(PolicyDenial.class, denial);
        assertEquals("test.mandate:4", denial.ruleId());
        assertEquals("Mandate denied net connect to api.example:443 (169.254.169.254:443) by rule test.mandate:4:"
                + " cloud metadata", denial.getMessage());
        assertTrue(enforcer.records.get(0).blocked());
    }

    @Test
    void aTargetNoRuleMatchesGetsTheDefault() throws UnknownHostException {
        Object call = enforcement.beforeConnect(resolved("elsewhere.example", 10, 1, 2, 3, 443));
        NetPolicyDenial denial = assertInstanceOf(NetPolicyDenial.class, call);
        assertEquals("default", denial.ruleId());
        assertEquals(List.of("connect elsewhere.example:443", "connect 10.1.2.3:443"), enforcer.records.get(0).accesses());
    }

    @Test
    void aFlaggedNameIsLetThroughAsFlagged() throws UnknownHostException {
        Object call = enforcement.beforeConnect(resolved("x.flagged.example", 10, 1, 2, 3, 80));
        enforcement.afterConnect(call, null);
        assertEquals("FLAG", enforcer.records.get(0).verdict());
    }

    @Test
    void anUnresolvedNameIsDecidedByName() {
        Object call = enforcement.beforeConnect(InetSocketAddress.createUnresolved("api.example", 443));
        enforcement.afterConnect(call, null);
        assertEquals(List.of("connect api.example:443"), enforcer.records.get(0).accesses());
        assertEquals("ALLOW", enforcer.records.get(0).verdict());
    }

    @Test
    void unixDomainSocketsAreNotEgress() {
        assertNull(enforcement.beforeConnect(UnixDomainSocketAddress.of("/run/app.sock")));
        assertTrue(enforcer.records.isEmpty());
    }
}
