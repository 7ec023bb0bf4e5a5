package io.mandate.policy;

import java.util.Arrays;

/**
 * One call to decide, with the reasoning-chain context it was made in.
 *
 * Mutable and not thread-safe: the caller fills it and asks the policy; {@link #reset(Kind)} lets
 * a caller reuse one. (The agent builds a fresh one per call: under G1, reference stores into a
 * long-lived object cost a StoreLoad fence each, stores into a young one do not, and a dozen fences
 * cost more than the allocation.)
 *
 * A call may touch several resources (one SQL statement reads one table and writes another): each
 * is an {@linkplain #access(String, String) access} of an operation on a resource. Operations are
 * lower-case keywords for jdbc/net/file/process ("select", "connect", "read", "exec") and
 * upper-case methods for http ("GET"). Resources: jdbc table names as written, unquoted and
 * lower-cased ("public.customers" or "customers"); http the full URL; net "host:port"; file a
 * normalized absolute path; process the command (executable as given).
 */
public final class Request {
    private static final int INITIAL_ACCESSES = 4;

    private Kind kind;
    private String[] operations = new String[INITIAL_ACCESSES];
    private String[] resources = new String[INITIAL_ACCESSES];
    private int accessCount;

    private String agent = "";
    private String chainId = "";
    private String rootChainId = "";
    private int chainDepth;
    private String purpose = "";
    private String user = "";
    private String stepId = "";
    private String tool = "";
    private int hourOfDay;
    private double trust = 1.0;
    private Object origin;

    public Request reset(Kind newKind) {
        kind = newKind;
        accessCount = 0;
        agent = "";
        chainId = "";
        rootChainId = "";
        chainDepth = 0;
        purpose = "";
        user = "";
        stepId = "";
        tool = "";
        hourOfDay = 0;
        trust = 1.0;
        origin = null;
        return this;
    }

    public Request access(String operation, String resource) {
        if (accessCount == operations.length) {
            operations = Arrays.copyOf(operations, accessCount * 2);
            resources = Arrays.copyOf(resources, accessCount * 2);
        }
        operations[accessCount] = operation;
        resources[accessCount] = resource;
        accessCount++;
        return this;
    }

    public Request agent(String value) {
        agent = orEmpty(value);
        return this;
    }

    public Request chain(String id, String rootId, int depth, String chainPurpose) {
        chainId = orEmpty(id);
        rootChainId = orEmpty(rootId);
        chainDepth = depth;
        purpose = orEmpty(chainPurpose);
        return this;
    }

    public Request user(String value) {
        user = orEmpty(value);
        return this;
    }

    public Request step(String id, String toolName) {
        stepId = orEmpty(id);
        tool = orEmpty(toolName);
        return this;
    }

    public Request hourOfDay(int hour) {
        hourOfDay = hour;
        return this;
    }

    public Request trust(double value) {
        trust = value;
        return this;
    }

    /**
     * Attaches what the caller built the request from (the agent keeps the chain context here, for
     * the journal and revocation). The policy never reads it.
     */
    public Request origin(Object value) {
        origin = value;
        return this;
    }

    public Object origin() { return origin; }

    public Kind kind() { return kind; }

    public int accessCount() { return accessCount; }

    public String operation(int index) { return operations[index]; }

    public String resource(int index) { return resources[index]; }

    public String agent() { return agent; }

    public String chainId() { return chainId; }

    public String rootChainId() { return rootChainId; }

    public int chainDepth() { return chainDepth; }

    public String purpose() { return purpose; }

    public String user() { return user; }

    public String stepId() { return stepId; }

    public String tool() { return tool; }

    public int hourOfDay() { return hourOfDay; }

    public double trust() { return trust; }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(kind == null ? "?" : kind.keyword());
        for (int i = 0; i < accessCount; i++) {
            s.append(i == 0 ? " " : ", ").append(operations[i]).append(' ').append(resources[i]);
        }
        return s.append(" [agent=").append(agent).append(" chain=").append(chainId)
                .append(" depth=").append(chainDepth).append(" tool=").append(tool).append(']').toString();
    }
}
