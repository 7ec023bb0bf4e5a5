package io.mandate.policy.ast;

import java.util.List;

/** {@code agent "glob" { ... }}: rules and limits that apply to every agent identity the glob matches. */
public record AgentBlock(String glob, String purpose, List<Rule> rules, List<Limit> limits, Pos pos) {
    public AgentBlock {
        purpose = purpose == null ? "" : purpose;
        rules = List.copyOf(rules);
        limits = List.copyOf(limits);
    }
}
