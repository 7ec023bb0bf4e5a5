package io.mandate.agent.instrumentation.lineage;

import java.util.Arrays;
import java.util.List;

/**
 * What a lineage header says: who sent it (the run and its key, with the operator's certificate of
 * that key), which chain it was sent from (the agent, the chain ids from the root to the sender's
 * chain, the step), and when it is valid.
 *
 * @param issuedAtMillis    when the sender signed it, epoch milliseconds
 * @param expiresAtMillis   when it stops being valid, epoch milliseconds
 * @param runId             the sender's journal writer id
 * @param runPublicKey      X.509 encoding of the sender's run key
 * @param operatorCertificate the operator's signature of (run id, run key), or empty
 * @param agent             the sender chain's agent
 * @param stepId            the step the request was made in, or empty
 * @param lineage           chain ids, the root first, the sender's chain last; its size is the chain's depth
 */
public record LineageClaims(long issuedAtMillis, long expiresAtMillis, String runId, byte[] runPublicKey,
                            byte[] operatorCertificate, String agent, String stepId, List<String> lineage) {
    public LineageClaims {
        runPublicKey = runPublicKey.clone();
        operatorCertificate = operatorCertificate.clone();
        lineage = List.copyOf(lineage);
    }

    @Override
    public byte[] runPublicKey() {
        return runPublicKey.clone();
    }

    @Override
    public byte[] operatorCertificate() {
        return operatorCertificate.clone();
    }

    public String rootChainId() {
        return lineage.get(0);
    }

    /** The sender's chain: the parent of a chain continued from this header. */
    public String chainId() {
        return lineage.get(lineage.size() - 1);
    }

    public int depth() {
        return lineage.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LineageClaims that && issuedAtMillis == that.issuedAtMillis
                && expiresAtMillis == that.expiresAtMillis && runId.equals(that.runId)
                && Arrays.equals(runPublicKey, that.runPublicKey)
                && Arrays.equals(operatorCertificate, that.operatorCertificate) && agent.equals(that.agent)
                && stepId.equals(that.stepId) && lineage.equals(that.lineage);
    }

    @Override
    public int hashCode() {
        return 31 * runId.hashCode() + lineage.hashCode();
    }

    @Override
    public String toString() {
        return "lineage of " + agent + " chain " + chainId() + " (root " + rootChainId() + ", depth " + depth()
                + (stepId.isEmpty() ? "" : ", step " + stepId) + ") from run " + runId;
    }
}
