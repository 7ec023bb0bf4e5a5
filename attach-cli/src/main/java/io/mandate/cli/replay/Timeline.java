package io.mandate.cli.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mandate.cli.journal.RecordedCall;

/**
 * The calls of a journal arranged as the reasoning that made them: agent, then root chains, then
 * in each chain its steps and the chains it delegated (in the order they first acted), then calls.
 * A delegated chain sits under its parent whatever agent it runs as; one whose parent made no
 * call shown sits at the top, under its own agent, and says where it was delegated from.
 */
public final class Timeline {
    /** A node of the tree: a chain, a step or a call, ordered by the journal index of its first call. */
    public sealed interface Node permits ChainNode, StepNode, CallNode {
        long firstIndex();
    }

    public record CallNode(RecordedCall call) implements Node {
        @Override
        public long firstIndex() {
            return call.event().index();
        }
    }

    public static final class StepNode implements Node {
        private final String stepId;
        private final String tool;
        private final long firstIndex;
        private final List<CallNode> calls = new ArrayList<>();

        StepNode(String stepId, String tool, long firstIndex) {
            this.stepId = stepId;
            this.tool = tool;
            this.firstIndex = firstIndex;
        }

        public String stepId() { return stepId; }

        public String tool() { return tool; }

        public List<CallNode> calls() { return calls; }

        @Override
        public long firstIndex() { return firstIndex; }
    }

    public static final class ChainNode implements Node {
        private final String chainId;
        private final String agent;
        private final String parentChainId;
        private final int depth;
        private final String purpose;
        private final String user;
        private final long firstIndex;
        private final Map<String, StepNode> steps = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();

        ChainNode(RecordedCall first) {
            this.chainId = first.chainId();
            this.agent = first.agent();
            this.parentChainId = first.parentChainId();
            this.depth = first.depth();
            this.purpose = first.purpose();
            this.user = first.user();
            this.firstIndex = first.event().index();
        }

        /** Empty for the calls an agent made outside any chain. */
        public String chainId() { return chainId; }

        public String agent() { return agent; }

        public String parentChainId() { return parentChainId; }

        public int depth() { return depth; }

        public String purpose() { return purpose; }

        public String user() { return user; }

        /** Steps, delegated chains and calls outside a step, in the order they first acted. */
        public List<Node> children() { return children; }

        @Override
        public long firstIndex() { return firstIndex; }

        void add(RecordedCall call) {
            if (call.stepId().isEmpty()) {
                children.add(new CallNode(call));
                return;
            }
            StepNode step = steps.get(call.stepId());
            if (step == null) {
                step = new StepNode(call.stepId(), call.tool(), call.event().index());
                steps.put(call.stepId(), step);
                children.add(step);
            }
            step.calls.add(new CallNode(call));
        }
    }

    public record AgentNode(String agent, List<ChainNode> chains) {
    }

    private final List<AgentNode> agents;
    private final List<RecordedCall> calls;

    private Timeline(List<AgentNode> agents, List<RecordedCall> calls) {
        this.agents = agents;
        this.calls = calls;
    }

    public List<AgentNode> agents() {
        return agents;
    }

    public List<RecordedCall> calls() {
        return calls;
    }

    /** Arranges calls given in journal order. */
    public static Timeline of(List<RecordedCall> calls) {
        Map<String, ChainNode> chains = new LinkedHashMap<>();
        for (RecordedCall call : calls) {
            // calls outside any chain are grouped per agent under a chain node with an empty id
            String key = call.chainId().isEmpty() ? "\u0000" + call.agent() : call.chainId();
            chains.computeIfAbsent(key, k -> new ChainNode(call)).add(call);
        }
        Map<String, List<ChainNode>> rootsByAgent = new LinkedHashMap<>();
        for (ChainNode chain : chains.values()) {
            ChainNode parent = chain.parentChainId.isEmpty() ? null : chains.get(chain.parentChainId);
            if (parent != null && parent != chain) {
                parent.children.add(chain);
            } else {
                rootsByAgent.computeIfAbsent(chain.agent, a -> new ArrayList<>()).add(chain);
            }
        }
        for (ChainNode chain : chains.values()) {
            chain.children.sort(Comparator.comparingLong(Node::firstIndex));
        }
        List<AgentNode> agents = new ArrayList<>();
        rootsByAgent.forEach((agent, roots) -> agents.add(new AgentNode(agent, List.copyOf(roots))));
        return new Timeline(List.copyOf(agents), List.copyOf(calls));
    }
}
