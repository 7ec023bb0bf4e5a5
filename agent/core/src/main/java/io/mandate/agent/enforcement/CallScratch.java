package io.mandate.agent.enforcement;

import io.mandate.agent.journal.CallRecord;
import io.mandate.bootstrap.ChainContext;
import io.mandate.policy.Decision;
import io.mandate.policy.Request;

/** One thread's reusable request and call record, so deciding and journaling a call allocate nothing. */
final class CallScratch {
    final Request request = new Request();
    final CallRecord record = new CallRecord();
    /** The context the request was filled from: its lineage decides revocation, its parent goes to the journal. */
    ChainContext context;
    /** The last limit decision handed out unblocked (audit mode), and for which chain: journaled once per crossing. */
    Decision lastUnblockedLimit;
    String lastUnblockedLimitChain = "";
}
