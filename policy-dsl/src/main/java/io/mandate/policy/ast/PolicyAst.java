package io.mandate.policy.ast;

import io.mandate.policy.Verdict;

import java.util.List;

/** A whole policy as written: its name, default verdict and agent blocks in source order. */
public record PolicyAst(String name, Verdict defaultVerdict, List<AgentBlock> agents, Pos pos) {
    public PolicyAst {
        agents = List.copyOf(agents);
    }
}
