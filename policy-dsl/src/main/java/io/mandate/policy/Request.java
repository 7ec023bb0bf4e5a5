package io.mandate.policy;

import java.util.Arrays;

/**
 * One call to decide, with the reasoning-chain context it was made in.
 *
 * Mutable and not thread-safe: the caller fills it and asks the policy; {@link #reset(Kind)} (or
 * {@link #forKind(Kind)} followed by every context setter) lets a caller reuse one.
 *
 * A call may touch several resources (one SQL statement reads one table and writes another): each
 * is an {@linkplain #access(String, String) access} of an operation on a resource. Operations are
 * lower-case keywords for jdbc/net/file/process ("select", "connect", "read", "exec") and
 * upper-case methods for http ("GET"). Resources: jdbc table names as written, unquoted and
 * lower-cased ("public.customers" or "customers"); http the full URL; net "host:port"; file a
 * normalized absolute path; process the command (executable as given).
 */
public final class Request {
    private static final int INITIAL_ACCESSES = 2;

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

    // The setters store a reference only when it differs from the one held: a caller that reuses
    // a long-lived request (the agent's JDBC path, one per thread) then pays G1's card-marking
    // barrier, a StoreLoad fence, only for what changed since its previous call.

    public Request reset(Kind newKind) {
        forKind(newKind);
        agent("");
        chain("", "", 0, "");
        user("");
        step("", "");
        origin(null);
        return this;
    }

    /**
     * Starts a new call of {@code newKind} keeping the context fields, for a caller that sets every
     * one of them next (agent, chain, user, step, origin): {@link #reset} would store each twice.
     */
    public Request forKind(Kind newKind) {
        if (kind != newKind) {
            kind = newKind;
        }
        accessCount = 0;
        hourOfDay = 0;
        trust = 1.0;
        return this;
    }

    public Request access(String operation, String resource) {
        if (accessCount == operations.length) {
            operations = Arrays.copyOf(operations, accessCount * 2);
            resources = Arrays.copyOf(resources, accessCount * 2);
        }
        if (operations[accessCount] != operation) {
            operations[accessCount] = operation;
        }
        if (resources[accessCount] != resource) {
            resources[accessCount] = resource;
        }
        accessCount++;
        return this;
    }

    public Request agent(String value) {
        String newAgent = orEmpty(value);
        if (agent != newAgent) {
            agent = newAgent;
        }
        return this;
    }

    public Request chain(String id, String rootId, int depth, String chainPurpose) {
        String newChainId = orEmpty(id);
        if (chainId != newChainId) {
            chainId = newChainId;
        }
        String newRootChainId = orEmpty(rootId);
        if (rootChainId != newRootChainId) {
            rootChainId = newRootChainId;
        }
        chainDepth = depth;
        String newPurpose = orEmpty(chainPurpose);
        if (purpose != newPurpose) {
            purpose = newPurpose;
        }
        return this;
    }

    public Request user(String value) {
        String newUser = orEmpty(value);
        if (user != newUser) {
            user = newUser;
        }
        return this;
    }

    public Request step(String id, String toolName) {
        String newStepId = orEmpty(id);
        if (stepId != newStepId) {
            stepId = newStepId;
        }
        String newTool = orEmpty(toolName);
        if (tool != newTool) {
            tool = newTool;
        }
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
        if (origin != value) {
            origin = value;
        }
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
