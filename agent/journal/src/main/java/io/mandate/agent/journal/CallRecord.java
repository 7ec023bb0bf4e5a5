package io.mandate.agent.journal;

/**
 * One intercepted call as the journal records it. {@link Journal#recordCall(CallRecord)} copies what
 * it needs before returning, so the caller may reuse the record at once; the enforcer makes a fresh
 * record per call and hands it over whole with {@link Journal#recordFreshCall(CallRecord)}.
 *
 * {@code resource} is what a person reads (SQL with literals replaced by '?', a URL without its
 * query string, a path); {@code accesses} are the (operation, resource) pairs the policy decided,
 * kept so a later policy can re-decide the call (what-if replay).
 */
public final class CallRecord {
    private static final String[] NO_ACCESSES = new String[0];

    public long epochNanos;
    public long durationNanos;
    public String threadName = "";

    public String agent = "";
    public String chainId = "";
    public String parentChainId = "";
    public String rootChainId = "";
    public int depth;
    public String stepId = "";
    public String tool = "";
    public String purpose = "";
    public String user = "";

    /** jdbc, http, net, file, process */
    public String kind = "";
    /** The call's main operation (select, GET, connect, read, exec). */
    public String operation = "";
    public String resource = "";
    public String[] accessOperations = NO_ACCESSES;
    public String[] accessResources = NO_ACCESSES;
    public int accessCount;

    /** ALLOW, FLAG or DENY */
    public String verdict = "";
    public String ruleId = "";
    public String reason = "";
    public String policyHash = "";
    /** audit or enforce */
    public String mode = "";
    /** True when the call was stopped (enforce mode and DENY). */
    public boolean blocked;
    /** "" when the call returned normally, else the exception class it failed with. */
    public String error = "";

    /**
     * The volume metric of {@link #units}, as limits name it ("rows"; later "bytes"...), or "" when
     * the call consumed nothing countable; kept so a what-if can replay volume limits.
     */
    public String unitsMetric = "";
    /** How much of {@link #unitsMetric} this record charges (rows read), 0 for none. */
    public long units;
    /**
     * True when this record is not a new call but the volume an earlier call went on consuming after
     * it was journaled (the rows an application read from a statement's result set): journaled as a
     * {@code usage} event, which readers do not count as a call. {@code resource} names that call.
     */
    public boolean usage;
    /**
     * For a usage record: how many executions of the call its units cover (consecutive runs of the
     * same statement in the same context are journaled as one record).
     */
    public long usageCalls;
}
