package io.mandate.policy.ast;

import io.mandate.policy.Kind;
import io.mandate.policy.Verdict;

import java.util.List;

/**
 * One rule: {@code [@id("x")] verdict kind ops [on|to resources] [when|unless expr] [reason "text"]}.
 * An empty resource list means any resource; {@code guard} is null without a condition.
 */
public record Rule(String explicitId, Verdict verdict, Kind kind, List<String> operations, List<String> resources,
                   Guard guard, String reason, Pos pos, List<Pos> operationPositions, List<Pos> resourcePositions) {
    public Rule {
        explicitId = explicitId == null ? "" : explicitId;
        operations = List.copyOf(operations);
        resources = List.copyOf(resources);
        reason = reason == null ? "" : reason;
        operationPositions = List.copyOf(operationPositions);
        resourcePositions = List.copyOf(resourcePositions);
    }

    /** A rule built without source text (from JSON): every part is placed at {@code pos}. */
    public Rule(String explicitId, Verdict verdict, Kind kind, List<String> operations, List<String> resources,
                Guard guard, String reason, Pos pos) {
        this(explicitId, verdict, kind, operations, resources, guard, reason, pos, List.of(), List.of());
    }

    /** Where operation {@code i} was written, or the rule's position. */
    public Pos operationPos(int i) {
        return i < operationPositions.size() ? operationPositions.get(i) : pos;
    }

    /** Where resource {@code i} was written, or the rule's position. */
    public Pos resourcePos(int i) {
        return i < resourcePositions.size() ? resourcePositions.get(i) : pos;
    }
}
