package io.mandate.it.http;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.PolicyDenial;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;

import java.io.IOException;

/**
 * How the forked HTTP apps run a scenario: as a tool call of the research agent in a chain of its
 * own, recording the chain id and the outcome (a policy denial with its rule, reason and message).
 */
final class ToolCalls {
    static final String AGENT = "research-bot";
    /** In every allowed URL's query string: must never reach the journal. */
    static final String SECRET = "q-s3cr3t";

    interface Call {
        String run() throws IOException, InterruptedException;
    }

    private ToolCalls() {
    }

    static void scenario(String name, Call call) throws InterruptedException {
        try (Chain chain = Mandate.openChain(AGENT, "run " + name, "research");
             Step step = Mandate.openStep("fetch", Mandate.digest(name))) {
            Observations.record(name + ".chain", chain.id());
            String outcome;
            try {
                outcome = call.run();
            } catch (IOException e) {
                outcome = describe(e);
            }
            Observations.record(name, outcome);
        }
    }

    static String describe(Throwable e) {
        if (e instanceof PolicyDenial denial && e instanceof IOException) {
            return "denied rule=" + denial.ruleId() + " reason=" + denial.reason() + " message=" + e.getMessage();
        }
        return "failed " + e;
    }
}
