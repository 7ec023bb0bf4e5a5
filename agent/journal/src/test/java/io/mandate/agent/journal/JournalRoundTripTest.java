package io.mandate.agent.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyCallFieldRoundTripsAndTheRecordMayBeReusedAtOnce() throws Exception {
        int count = 50;
        try (Journal journal = ChronicleJournal.open(dir)) {
            CallRecord reused = new CallRecord();
            for (int i = 0; i < count; i++) {
                copyInto(TestCalls.sample(i), reused);
                journal.recordCall(reused);
                reused.resource = "overwritten after recordCall";
                reused.accessOperations[0] = "overwritten";
            }
        }
        List<JournalEvent> calls = ofType(JournalReader.readAll(dir), JournalFormat.CALL);
        assertEquals(count, calls.size());
        for (int i = 0; i < count; i++) {
            assertCallEquals(TestCalls.sample(i), calls.get(i));
        }
    }

    @Test
    void unitsAndUsageRecordsRoundTripAndAUsageRecordIsNoCall() throws Exception {
        CallRecord rows;
        CallRecord next;
        try (Journal journal = ChronicleJournal.open(dir)) {
            CallRecord statement = TestCalls.sample(1);
            journal.recordCall(statement);
            rows = TestCalls.sample(1);
            rows.usage = true;
            rows.unitsMetric = "rows";
            rows.units = 1234;
            rows.usageCalls = 3;
            journal.recordCall(rows);
            next = TestCalls.sample(1);
            next.unitsMetric = "rows";
            next.units = 1;
            journal.recordCall(next);
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        List<JournalEvent> calls = ofType(events, JournalFormat.CALL);
        List<JournalEvent> usage = ofType(events, JournalFormat.USAGE);
        assertEquals(2, calls.size());
        assertEquals(1, usage.size());
        assertEquals(1234, usage.get(0).units());
        assertEquals(3, usage.get(0).usageCalls());
        assertEquals("rows", usage.get(0).unitsMetric());
        assertCallEquals(rows, usage.get(0));
        assertEquals(0, calls.get(0).units());
        assertCallEquals(next, calls.get(1));
        assertEquals(JournalFormat.CALL_VERSION, calls.get(0).typeVersion());
        assertTrue(JournalVerifier.verify(dir, null).ok(), "usage records are chained like every event");
    }

    @Test
    void journalStartsWithOpenEndsWithCloseAndSequencesAreContiguous() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir)) {
            journal.recordCall(TestCalls.sample(1));
            journal.recordCall(TestCalls.sample(2));
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        assertEquals(4, events.size());
        JournalEvent open = events.get(0);
        assertEquals(JournalFormat.OPEN, open.type());
        assertEquals((long) JournalFormat.FORMAT_VERSION, open.longField(EventDecoder.FORMAT_VERSION));
        assertEquals("DAILY", open.string(EventDecoder.ROLL_CYCLE));
        assertEquals((long) JournalOptions.DEFAULT_RING_CAPACITY, open.longField(EventDecoder.RING_CAPACITY));
        assertEquals(System.getProperty("java.version"), open.string(EventDecoder.JAVA_VERSION));
        assertEquals(36, open.string(EventDecoder.WRITER_ID).length());
        JournalEvent close = events.get(3);
        assertEquals(JournalFormat.CLOSE, close.type());
        assertEquals(2L, close.longField(EventDecoder.WRITTEN));
        assertEquals(0L, close.longField(EventDecoder.TOTAL_LOST));
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).sequence());
            assertEquals(pid, events.get(i).pid());
        }
        assertTrue(events.get(1).index() < events.get(2).index());
    }

    @Test
    void lifecycleEventsKeepTheirNameAttributesAndOrder() throws Exception {
        Map<String, String> start = new LinkedHashMap<>();
        start.put("agentVersion", "0.1.0");
        start.put("javaVersion", "17");
        start.put("config", "mode=enforce");
        start.put("policyHash", "sha256:abc");
        long before = EpochClock.nowNanos();
        try (Journal journal = ChronicleJournal.open(dir)) {
            journal.recordLifecycle("agent.start", start);
            journal.recordLifecycle("policy.load", Map.of("policyHash", "sha256:def"));
            journal.recordLifecycle("chain.open", Map.of("chainId", "c1"));
            journal.recordLifecycle("step.open", Map.of("stepId", "s1"));
            journal.recordCall(TestCalls.sample(0));
            journal.recordLifecycle("step.close", Map.of("stepId", "s1"));
            journal.recordLifecycle("chain.close", Map.of("chainId", "c1"));
            journal.recordLifecycle("agent.error", Map.of("error", "boom"));
            journal.recordLifecycle("agent.stop", null);
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.type()));
        assertEquals(List.of(JournalFormat.OPEN, "agent.start", "policy.load", "chain.open", "step.open",
                JournalFormat.CALL, "step.close", "chain.close", "agent.error", "agent.stop", JournalFormat.CLOSE), types);
        JournalEvent agentStart = events.get(1);
        Map<String, Object> expected = new LinkedHashMap<>(start);
        expected.put(EventDecoder.TRUNCATED, false);
        assertEquals(expected, agentStart.fields());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(agentStart.fields().keySet()));
        assertTrue(agentStart.epochNanos() >= before && agentStart.epochNanos() <= EpochClock.nowNanos());
        assertEquals("boom", events.get(8).string("error"));
        assertEquals(Map.of(EventDecoder.TRUNCATED, false), events.get(9).fields());
    }

    @Test
    void oversizedStringsAndAccessListsAreCutAndFlagged() throws Exception {
        CallRecord call = TestCalls.sample(0);
        call.resource = "x".repeat(JournalFormat.MAX_STRING_CHARS + 10);
        CallRecord manyAccesses = TestCalls.sample(1);
        int n = JournalFormat.MAX_ACCESSES + 5;
        manyAccesses.accessOperations = new String[n];
        manyAccesses.accessResources = new String[n];
        for (int i = 0; i < n; i++) {
            manyAccesses.accessOperations[i] = "op" + i;
            manyAccesses.accessResources[i] = "res" + i;
        }
        manyAccesses.accessCount = n;
        try (Journal journal = ChronicleJournal.open(dir)) {
            journal.recordCall(call);
            journal.recordCall(manyAccesses);
            journal.recordCall(TestCalls.sample(2));
            journal.recordLifecycle("agent.error", Map.of("stack", "y".repeat(JournalFormat.MAX_STRING_CHARS + 1)));
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        List<JournalEvent> calls = ofType(events, JournalFormat.CALL);
        assertEquals(JournalFormat.MAX_STRING_CHARS, calls.get(0).string("resource").length());
        assertTrue(calls.get(0).flag(EventDecoder.TRUNCATED));
        assertEquals(JournalFormat.MAX_ACCESSES, calls.get(1).accesses().size());
        assertEquals("op63", calls.get(1).accesses().get(63).operation());
        assertTrue(calls.get(1).flag(EventDecoder.TRUNCATED));
        assertFalse(calls.get(2).flag(EventDecoder.TRUNCATED));
        JournalEvent error = ofType(events, "agent.error").get(0);
        assertTrue(error.flag(EventDecoder.TRUNCATED));
        assertEquals(JournalFormat.MAX_STRING_CHARS, error.string("stack").length());
    }

    /**
     * The largest events the limits allow (every access and attribute at its longest, in 3-byte
     * UTF-8) take megabytes, more than the queue takes in one record: they are written with their
     * strings cut shorter and flagged, never lost, and the next call repeats nothing of them.
     */
    @Test
    void eventsLargerThanARecordAreCutToFitNotLost() throws Exception {
        String longest = "\u20ac".repeat(JournalFormat.MAX_STRING_CHARS);
        CallRecord huge = TestCalls.sample(0);
        int n = JournalFormat.MAX_ACCESSES;
        huge.accessOperations = new String[n];
        huge.accessResources = new String[n];
        for (int i = 0; i < n; i++) {
            huge.accessOperations[i] = i + longest.substring(1);
            huge.accessResources[i] = i + longest.substring(1);
        }
        huge.accessCount = n;
        huge.resource = longest;
        CallRecord sameResource = TestCalls.sample(0);
        sameResource.resource = longest;
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < JournalFormat.MAX_ATTRIBUTES; i++) {
            attributes.put("k" + i, i + longest.substring(1));
        }
        try (Journal journal = ChronicleJournal.open(dir)) {
            journal.recordCall(huge);
            journal.recordCall(sameResource);
            journal.recordLifecycle("agent.error", attributes);
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        List<JournalEvent> calls = ofType(events, JournalFormat.CALL);
        assertEquals(2, calls.size());
        JournalEvent cut = calls.get(0);
        assertTrue(cut.flag(EventDecoder.TRUNCATED));
        assertEquals(n, cut.accesses().size());
        String lastResource = cut.accesses().get(n - 1).resource();
        assertTrue(lastResource.length() >= EventEncoder.SHORTEST_CUT && huge.accessResources[n - 1].startsWith(lastResource),
                lastResource);
        assertTrue(longest.startsWith(cut.string("resource")));
        assertEquals(longest, calls.get(1).string("resource"), "repeated from a call whose strings were cut");
        assertFalse(calls.get(1).flag(EventDecoder.TRUNCATED));
        JournalEvent error = ofType(events, "agent.error").get(0);
        assertTrue(error.flag(EventDecoder.TRUNCATED));
        assertTrue(attributes.get("k127").startsWith(error.string("k127")));
        assertEquals(List.of(), ofType(events, JournalFormat.GAP), "no event was lost");
        assertTrue(JournalVerifier.verify(dir, null).ok(), () -> JournalVerifier.verify(dir, null).toString());
    }

    @Test
    void aSecondWriterAppendsWithItsOwnOpenEventAndSequence() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir)) {
            journal.recordCall(TestCalls.sample(0));
        }
        try (Journal journal = ChronicleJournal.open(dir)) {
            journal.recordCall(TestCalls.sample(1));
        }
        List<JournalEvent> events = JournalReader.readAll(dir);
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L), events.stream().map(JournalEvent::sequence).toList());
        assertEquals("chain-1", events.get(4).string("chainId"));
    }

    @Test
    void recordsAfterCloseAreCountedNotWritten() throws Exception {
        ChronicleJournal journal = ChronicleJournal.open(dir, JournalOptions.defaults());
        journal.close();
        journal.close();
        journal.recordCall(TestCalls.sample(0));
        journal.recordLifecycle("agent.stop", Map.of());
        assertEquals(2, journal.rejectedAfterClose());
        assertEquals(0, ofType(JournalReader.readAll(dir), JournalFormat.CALL).size());
    }

    static List<JournalEvent> ofType(List<JournalEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    static void assertCallEquals(CallRecord expected, JournalEvent actual) {
        assertEquals(expected.usage ? JournalFormat.USAGE : JournalFormat.CALL, actual.type());
        assertEquals(expected.usage ? JournalFormat.USAGE_VERSION : JournalFormat.CALL_VERSION, actual.typeVersion());
        assertEquals(expected.unitsMetric, actual.unitsMetric());
        assertEquals(expected.units, actual.units());
        assertEquals(expected.epochNanos, actual.epochNanos());
        assertEquals(expected.durationNanos, actual.longField("durationNanos"));
        assertEquals(expected.threadName, actual.string("threadName"));
        assertEquals(expected.agent, actual.string("agent"));
        assertEquals(expected.chainId, actual.string("chainId"));
        assertEquals(expected.parentChainId, actual.string("parentChainId"));
        assertEquals(expected.rootChainId, actual.string("rootChainId"));
        assertEquals(expected.depth, actual.longField("depth"));
        assertEquals(expected.stepId, actual.string("stepId"));
        assertEquals(expected.tool, actual.string("tool"));
        assertEquals(expected.purpose, actual.string("purpose"));
        assertEquals(expected.user, actual.string("user"));
        assertEquals(expected.kind, actual.string("kind"));
        assertEquals(expected.operation, actual.string("operation"));
        assertEquals(expected.resource, actual.string("resource"));
        List<JournalEvent.Access> accesses = new ArrayList<>();
        for (int i = 0; i < expected.accessCount; i++) {
            accesses.add(new JournalEvent.Access(expected.accessOperations[i], expected.accessResources[i]));
        }
        assertEquals(accesses, actual.accesses());
        assertEquals(expected.verdict, actual.string("verdict"));
        assertEquals(expected.ruleId, actual.string("ruleId"));
        assertEquals(expected.reason, actual.string("reason"));
        assertEquals(expected.policyHash, actual.string("policyHash"));
        assertEquals(expected.mode, actual.string("mode"));
        assertEquals(expected.blocked, actual.flag("blocked"));
        assertEquals(expected.error, actual.string("error"));
        assertFalse(actual.flag(EventDecoder.TRUNCATED));
    }

    private static void copyInto(CallRecord from, CallRecord to) {
        to.epochNanos = from.epochNanos;
        to.durationNanos = from.durationNanos;
        to.threadName = from.threadName;
        to.agent = from.agent;
        to.chainId = from.chainId;
        to.parentChainId = from.parentChainId;
        to.rootChainId = from.rootChainId;
        to.depth = from.depth;
        to.stepId = from.stepId;
        to.tool = from.tool;
        to.purpose = from.purpose;
        to.user = from.user;
        to.kind = from.kind;
        to.operation = from.operation;
        to.resource = from.resource;
        to.accessOperations = from.accessOperations.clone();
        to.accessResources = from.accessResources.clone();
        to.accessCount = from.accessCount;
        to.verdict = from.verdict;
        to.ruleId = from.ruleId;
        to.reason = from.reason;
        to.policyHash = from.policyHash;
        to.mode = from.mode;
        to.blocked = from.blocked;
        to.error = from.error;
    }
}
