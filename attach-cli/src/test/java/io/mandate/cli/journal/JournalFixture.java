package io.mandate.cli.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mandate.agent.journal.CallRecord;
import io.mandate.agent.journal.ChronicleJournal;
import io.mandate.agent.journal.Journal;

/** Writes small journals with the real writer, call by call, for the CLI's tests. */
public final class JournalFixture implements AutoCloseable {
    /** 2026-11-25T10:00:00Z: fixture times are this plus whole seconds. */
    public static final long T0 = 1_795_600_800_000_000_000L;

    private final Journal journal;
    private final CallRecord record = new CallRecord();
    private String agent = "";
    private String chain = "";
    private String parent = "";
    private String root = "";
    private int depth;
    private String purpose = "";
    private String user = "";
    private String step = "";
    private String tool = "";

    private JournalFixture(Journal journal) {
        this.journal = journal;
    }

    public static JournalFixture create(Path directory) {
        return new JournalFixture(ChronicleJournal.open(directory));
    }

    /** Opens a chain (journaled as chain.open) and makes it the context of the next calls. */
    public JournalFixture chain(String agentId, String chainId, String parentId, String rootId, int chainDepth,
                                String chainPurpose, String chainUser) {
        agent = agentId;
        chain = chainId;
        parent = parentId;
        root = rootId;
        depth = chainDepth;
        purpose = chainPurpose;
        user = chainUser;
        step = "";
        tool = "";
        journal.recordLifecycle("chain.open", Map.of("agent", agentId, "chainId", chainId, "parentChainId", parentId,
                "rootChainId", rootId, "depth", Integer.toString(chainDepth)));
        return this;
    }

    /** Calls outside any chain, for {@code agentId}. */
    public JournalFixture noChain(String agentId) {
        agent = agentId;
        chain = parent = root = purpose = user = step = tool = "";
        depth = 0;
        return this;
    }

    public JournalFixture closeChain(String chainId) {
        journal.recordLifecycle("chain.close", Map.of("agent", agent, "chainId", chainId));
        return this;
    }

    public JournalFixture step(String stepId, String toolName) {
        step = stepId;
        tool = toolName;
        return this;
    }

    /** One call at {@code T0 + second}; accesses as "operation resource" pairs (resource may contain spaces). */
    public JournalFixture call(long second, String kind, String resource, String verdict, String ruleId, String reason,
                               List<String> accesses) {
        journal.recordCall(fill(second, kind, resource, verdict, ruleId, reason, accesses));
        return this;
    }

    private CallRecord fill(long second, String kind, String resource, String verdict, String ruleId, String reason,
                            List<String> accesses) {
        CallRecord r = record;
        r.epochNanos = T0 + second * 1_000_000_000L;
        r.durationNanos = 1_000;
        r.threadName = "main";
        r.agent = agent;
        r.chainId = chain;
        r.parentChainId = parent;
        r.rootChainId = root;
        r.depth = depth;
        r.stepId = step;
        r.tool = tool;
        r.purpose = purpose;
        r.user = user;
        r.kind = kind;
        r.operation = accesses.get(0).substring(0, accesses.get(0).indexOf(' '));
        r.resource = resource;
        r.accessCount = accesses.size();
        r.accessOperations = new String[accesses.size()];
        r.accessResources = new String[accesses.size()];
        for (int i = 0; i < accesses.size(); i++) {
            String a = accesses.get(i);
            r.accessOperations[i] = a.substring(0, a.indexOf(' '));
            r.accessResources[i] = a.substring(a.indexOf(' ') + 1);
        }
        r.verdict = verdict;
        r.ruleId = ruleId;
        r.reason = reason;
        r.policyHash = "0123";
        r.mode = "enforce";
        r.blocked = "DENY".equals(verdict);
        r.error = "";
        r.usage = false;
        r.unitsMetric = "";
        r.units = 0;
        return r;
    }

    /** {@code rows} read at {@code T0 + second} from the result set of {@code statement}, as the agent journals them. */
    public JournalFixture rows(long second, String statement, long rows) {
        CallRecord r = fill(second, "jdbc", statement, "", "", "", List.of("select -"));
        r.accessCount = 0;
        r.operation = "select";
        r.verdict = "";
        r.policyHash = "";
        r.blocked = false;
        r.usage = true;
        r.unitsMetric = "rows";
        r.units = rows;
        r.usageCalls = 1;
        journal.recordCall(r);
        return this;
    }

    /** The row a row budget stopped, as the agent journals it: a call charging one row, with no accesses. */
    public JournalFixture rowDenied(long second, String ruleId, String reason) {
        CallRecord r = fill(second, "jdbc", "ResultSet.next()", "DENY", ruleId, reason, List.of("select -"));
        r.accessCount = 0;
        r.unitsMetric = "rows";
        r.units = 1;
        journal.recordCall(r);
        return this;
    }

    public JournalFixture allow(long second, String kind, String resource, String... accesses) {
        return call(second, kind, resource, "ALLOW", "old.mandate:1", "", List.of(accesses));
    }

    public JournalFixture deny(long second, String kind, String resource, String ruleId, String reason, String... accesses) {
        return call(second, kind, resource, "DENY", ruleId, reason, List.of(accesses));
    }

    public void flush() {
        journal.flush();
    }

    @Override
    public void close() {
        journal.close();
    }
}
