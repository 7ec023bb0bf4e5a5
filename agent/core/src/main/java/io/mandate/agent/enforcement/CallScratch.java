package io.mandate.agent.enforcement;

import io.mandate.policy.Decision;

/**
 * One thread's memory of the last limit decision it handed out unblocked (audit mode), and for
 * which chain: such a crossing is journaled once, not for every row or byte past it.
 */
final class CallScratch {
    Decision lastUnblockedLimit;
    String lastUnblockedLimitChain = "";
}
