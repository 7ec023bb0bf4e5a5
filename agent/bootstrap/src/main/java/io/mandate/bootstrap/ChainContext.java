package io.mandate.bootstrap;

import io.mandate.api.MandateContext;

/**
 * The immutable reasoning-chain context of a thread: which agent, which chain (and its lineage up
 * to the root), which step. A new step or a delegated chain is a new object; threads that pick up
 * work share the same object, so propagation is a reference copy.
 *
 * Lives on the boot class path because JDK classes (executors, threads) carry it.
 */
public final class ChainContext implements MandateContext {
    private final String agent;
    private final String chainId;
    private final String parentChainId;
    private final String[] lineage; // root first, this chain last
    private final String purpose;
    private final String user;
    private final String stepId;
    private final String tool;
    private final String argumentsDigest;

    private ChainContext(String agent, String chainId, String parentChainId, String[] lineage, String purpose,
                         String user, String stepId, String tool, String argumentsDigest) {
        this.agent = orEmpty(agent);
        this.chainId = chainId;
        this.parentChainId = parentChainId;
        this.lineage = lineage;
        this.purpose = orEmpty(purpose);
        this.user = orEmpty(user);
        this.stepId = stepId;
        this.tool = tool;
        this.argumentsDigest = argumentsDigest;
    }

    /** A new root chain. */
    public static ChainContext root(String agent, String chainId, String purpose, String user) {
        return new ChainContext(agent, chainId, "", new String[] {chainId}, purpose, user, "", "", "");
    }

    /**
     * A chain of another process, known only by its agent, its lineage (chain ids, root first, that
     * chain last) and the step it was in: the parent a chain continued in this process is
     * {@linkplain #child delegated} from. Its purpose and user stay in the other process.
     */
    public static ChainContext remote(String agent, String[] lineage, String stepId) {
        if (lineage == null || lineage.length == 0) {
            throw new IllegalArgumentException("a remote chain needs its lineage");
        }
        String[] copy = lineage.clone();
        return new ChainContext(agent, copy[copy.length - 1], copy.length > 1 ? copy[copy.length - 2] : "", copy, "",
                "", orEmpty(stepId), "", "");
    }

    /** A chain delegated from this one to {@code childAgent}; it keeps the user, not the step. */
    public ChainContext child(String childAgent, String childChainId, String childPurpose) {
        String[] childLineage = java.util.Arrays.copyOf(lineage, lineage.length + 1);
        childLineage[lineage.length] = childChainId;
        return new ChainContext(childAgent == null || childAgent.isEmpty() ? agent : childAgent, childChainId, chainId,
                childLineage, childPurpose == null || childPurpose.isEmpty() ? purpose : childPurpose, user, "", "", "");
    }

    /** This chain with a step open. */
    public ChainContext withStep(String newStepId, String newTool, String newArgumentsDigest) {
        return new ChainContext(agent, chainId, parentChainId, lineage, purpose, user, orEmpty(newStepId),
                orEmpty(newTool), orEmpty(newArgumentsDigest));
    }

    /** This chain with no step open. */
    public ChainContext withoutStep() {
        return stepId.isEmpty() ? this
                : new ChainContext(agent, chainId, parentChainId, lineage, purpose, user, "", "", "");
    }

    @Override public String agent() { return agent; }

    @Override public String chainId() { return chainId; }

    @Override public String parentChainId() { return parentChainId; }

    @Override public String rootChainId() { return lineage[0]; }

    @Override public int depth() { return lineage.length; }

    @Override public String purpose() { return purpose; }

    @Override public String user() { return user; }

    @Override public String stepId() { return stepId; }

    @Override public String tool() { return tool; }

    @Override public String argumentsDigest() { return argumentsDigest; }

    /** Chain ids from the root to this chain. */
    public int lineageLength() { return lineage.length; }

    public String lineage(int index) { return lineage[index]; }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "chain " + chainId + " of " + agent + " (depth " + depth() + (stepId.isEmpty() ? "" : ", step " + stepId + " " + tool) + ")";
    }
}
