package io.mandate.agent.control;

import io.mandate.agent.config.Mode;
import io.mandate.agent.config.OnError;
import io.mandate.agent.diagnostics.InternalErrors;
import io.mandate.agent.enforcement.PolicyEnforcer;
import io.mandate.agent.enforcement.RevocationRegistry;
import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.Journal;
import io.mandate.bootstrap.ChainContext;
import io.mandate.control.CommandSignature;
import io.mandate.control.ControlMessage;
import io.mandate.control.ControlProtocol;
import io.mandate.policy.LimitCounters;
import io.mandate.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlCommandsTest {
    private static final long PID = 4242;
    private static final Peer OPERATOR = new Peer("ops", true);

    private final List<Map<String, String>> journaled = new ArrayList<>();
    private final Journal journal = new Journal() {
        @Override
        public void recordCall(CallRecord call) {
        }

        @Override
        public void recordLifecycle(String type, Map<String, String> attributes) {
            Map<String, String> event = new HashMap<>(attributes);
            event.put("type", type);
            journaled.add(event);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final RevocationRegistry revocations = new RevocationRegistry();
    private final PolicyEnforcer enforcer = new PolicyEnforcer(PolicyLoader.parse("p.mandate",
            "policy \"p\"\ndefault deny\nagent \"*\" {\n  allow jdbc select on t\n}\n").policy(), Mode.ENFORCE,
            OnError.CLOSED, "app", new LimitCounters(), revocations, journal, new InternalErrors("test"));
    private final LiveChains chains = new LiveChains(revocations, new io.mandate.bootstrap.api.ChainLifecycleListener() {
        @Override public void chainOpened(ChainContext chain) { }
        @Override public void chainClosed(ChainContext chain) { }
        @Override public void stepOpened(ChainContext step) { }
        @Override public void stepClosed(ChainContext step, Throwable failure) { }
    });
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final KeyPair operatorKey = ed25519();

    private ControlCommands commands(boolean withOperatorKey) {
        ControlCommands commands = new ControlCommands(enforcer, revocations, chains, journal,
                new AgentFacts("test", "app", "closed", "journal", "premain", 0), withOperatorKey, () -> "detached",
                "p.mandate", PID, now::get);
        if (withOperatorKey) {
            commands.operatorKey(OperatorPublicKey.of(operatorKey.getPrivate()));
        }
        return commands;
    }

    private ControlMessage.Builder command(String name, String nonce) {
        return ControlMessage.builder().put(ControlProtocol.COMMAND, name).put(ControlProtocol.TARGET_PID, PID)
                .put(ControlProtocol.NONCE, nonce).put(ControlProtocol.ISSUED_AT_MILLIS, now.get())
                .put(ControlProtocol.SENDER_PID, 7);
    }

    private static boolean ok(ControlCommands.Handled handled) {
        return Boolean.parseBoolean(handled.reply.get(ControlProtocol.OK));
    }

    @Test
    void aSignedCommandRunsOnceAndNotAfterItsWindow() {
        ControlCommands commands = commands(true);
        ControlMessage restore = CommandSignature.sign(command(ControlProtocol.RESTORE, "0123456789abcdef0001")
                .put(ControlProtocol.CHAIN, "c-1").build(), operatorKey.getPrivate());

        assertTrue(ok(commands.handle(restore, OPERATOR)));
        ControlCommands.Handled replayed = commands.handle(restore, OPERATOR);
        assertFalse(ok(replayed));
        assertTrue(replayed.reply.get(ControlProtocol.MESSAGE).contains("replayed"));

        ControlMessage late = CommandSignature.sign(command(ControlProtocol.RESTORE, "0123456789abcdef0002")
                .put(ControlProtocol.CHAIN, "c-1").build(), operatorKey.getPrivate());
        now.addAndGet(ReplayGuard.WINDOW_MILLIS + 1);
        assertFalse(ok(commands.handle(late, OPERATOR)));
        assertEquals(List.of("accepted operator", "rejected replayed", "rejected replayed"), journaled.stream()
                .filter(e -> e.get("type").equals("control.command"))
                .map(e -> e.get("outcome") + " " + e.get("signed")).toList());
    }

    @Test
    void anotherUserAndAnotherPidAreRefusedAndJournaled() {
        ControlCommands commands = commands(false);
        ControlMessage revoke = command(ControlProtocol.REVOKE, "n").put(ControlProtocol.CHAIN, "c-1").build();

        assertFalse(ok(commands.handle(revoke, new Peer("mallory", false))));
        assertFalse(ok(commands.handle(revoke.toBuilder().put(ControlProtocol.TARGET_PID, PID + 1).build(), OPERATOR)));
        assertFalse(revocations.anyRevoked());
        assertTrue(ok(commands.handle(revoke, OPERATOR)));
        assertTrue(revocations.anyRevoked());
        assertEquals("mallory", journaled.get(0).get("senderUser"));
        assertEquals("rejected", journaled.get(0).get("outcome"));
    }

    @Test
    void modeTowardsAuditWidensAndTowardsEnforceDoesNot() {
        ControlCommands commands = commands(true);
        assertTrue(ok(commands.handle(command(ControlProtocol.MODE, "n").put(ControlProtocol.MODE_VALUE, "enforce").build(),
                OPERATOR)));
        assertFalse(ok(commands.handle(command(ControlProtocol.MODE, "n").put(ControlProtocol.MODE_VALUE, "audit").build(),
                OPERATOR)));
        assertSame(Mode.ENFORCE, enforcer.mode());
        ControlMessage signed = CommandSignature.sign(command(ControlProtocol.MODE, "0123456789abcdef0003")
                .put(ControlProtocol.MODE_VALUE, "audit").build(), operatorKey.getPrivate());
        assertTrue(ok(commands.handle(signed, OPERATOR)));
        assertSame(Mode.AUDIT, enforcer.mode());
    }

    @Test
    void aPolicyWithErrorsLeavesTheRunningOneAndSaysWhy() {
        ControlCommands commands = commands(false);
        String before = enforcer.policy().hash();
        ControlCommands.Handled refused = commands.handle(command(ControlProtocol.RELOAD, "n")
                .put(ControlProtocol.POLICY_NAME, "bad.mandate").put(ControlProtocol.POLICY_TEXT, "policy \"x\"\nallow\n")
                .build(), OPERATOR);
        assertFalse(ok(refused));
        assertTrue(refused.reply.get(ControlProtocol.DIAGNOSTICS).contains("bad.mandate:"));
        assertEquals(before, enforcer.policy().hash());
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
