package io.mandate.cli.replay;

import java.io.PrintWriter;
import java.util.List;

import io.mandate.cli.journal.RecordedCall;

/** Draws a {@link Timeline} as an indented tree, then a one-line count of the decisions shown. */
public final class TimelineRenderer {
    private final CallLine callLine;
    private final Style style;
    private final StringBuilder line = new StringBuilder(256);

    public TimelineRenderer(CallLine callLine, Style style) {
        this.callLine = callLine;
        this.style = style;
    }

    public void render(Timeline timeline, PrintWriter out) {
        for (Timeline.AgentNode agent : timeline.agents()) {
            out.println("agent " + (agent.agent().isEmpty() ? "(none)" : agent.agent()));
            List<Timeline.ChainNode> chains = agent.chains();
            for (int i = 0; i < chains.size(); i++) {
                renderNode(chains.get(i), agent.agent(), "", i == chains.size() - 1, out);
            }
        }
        out.println(summary(timeline.calls()));
    }

    private void renderNode(Timeline.Node node, String enclosingAgent, String indent, boolean last, PrintWriter out) {
        if (node instanceof Timeline.CallNode call) {
            // most lines are calls: built in one reused buffer (a journal holds millions of them)
            line.setLength(0);
            line.append(indent).append(last ? "└─ " : "├─ ");
            callLine.append(line, call.call());
            out.println(line);
            return;
        }
        String branch = indent + (last ? "└─ " : "├─ ");
        String childIndent = indent + (last ? "   " : "│  ");
        if (node instanceof Timeline.ChainNode chain) {
            out.println(branch + chainLabel(chain, enclosingAgent, indent.isEmpty()));
            List<Timeline.Node> children = chain.children();
            for (int i = 0; i < children.size(); i++) {
                renderNode(children.get(i), chain.agent(), childIndent, i == children.size() - 1, out);
            }
        } else if (node instanceof Timeline.StepNode step) {
            out.println(branch + "step " + (step.tool().isEmpty() ? "(no tool)" : step.tool()) + " " + style.dim(step.stepId()));
            List<Timeline.CallNode> calls = step.calls();
            for (int i = 0; i < calls.size(); i++) {
                renderNode(calls.get(i), enclosingAgent, childIndent, i == calls.size() - 1, out);
            }
        }
    }

    private String chainLabel(Timeline.ChainNode chain, String enclosingAgent, boolean topLevel) {
        if (chain.chainId().isEmpty()) {
            return "(outside any chain)";
        }
        StringBuilder label = new StringBuilder("chain ").append(chain.chainId());
        if (!chain.agent().equals(enclosingAgent)) {
            label.append(" agent ").append(chain.agent());
        }
        if (!chain.purpose().isEmpty()) {
            label.append(" \"").append(chain.purpose()).append('"');
        }
        if (!chain.user().isEmpty()) {
            label.append(" user ").append(chain.user());
        }
        label.append(" depth ").append(chain.depth());
        if (topLevel && !chain.parentChainId().isEmpty()) {
            label.append(" delegated from ").append(chain.parentChainId());
        }
        return label.toString();
    }

    static String summary(List<RecordedCall> calls) {
        long allowed = calls.stream().filter(c -> "ALLOW".equals(c.verdict())).count();
        long flagged = calls.stream().filter(c -> "FLAG".equals(c.verdict())).count();
        long denied = calls.stream().filter(c -> "DENY".equals(c.verdict())).count();
        return calls.size() + " call" + (calls.size() == 1 ? "" : "s") + ": " + allowed + " allowed, " + flagged
                + " flagged, " + denied + " denied";
    }
}
