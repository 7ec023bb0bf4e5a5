package io.mandate.agent.journal;

/** Call records with every field set to a value that tells its field and its record apart. */
final class TestCalls {
    private TestCalls() {
    }

    static CallRecord sample(int n) {
        CallRecord c = new CallRecord();
        c.epochNanos = 1_764_000_000_000_000_000L + n;
        c.durationNanos = 1000L + n;
        c.threadName = "worker-" + n;
        c.agent = "billing-agent";
        c.chainId = "chain-" + n;
        c.parentChainId = "parent-" + n;
        c.rootChainId = "root-" + n;
        c.depth = n % 7;
        c.stepId = "step-" + n;
        c.tool = "sql.query";
        c.purpose = "monthly invoice é ✓ 𝄞";
        c.user = "alice@example.com";
        c.kind = "jdbc";
        c.operation = "select";
        c.resource = "SELECT * FROM invoices WHERE id = ?";
        c.accessOperations = new String[] {"select", "select", "unused"};
        c.accessResources = new String[] {"invoices", "customers", "unused"};
        c.accessCount = 2;
        c.verdict = n % 2 == 0 ? "ALLOW" : "DENY";
        c.ruleId = "rule-" + n;
        c.reason = "because " + n;
        c.policyHash = "sha256:abc";
        c.mode = "enforce";
        c.blocked = n % 2 == 1;
        c.error = n % 3 == 0 ? "" : "java.sql.SQLException";
        return c;
    }
}
