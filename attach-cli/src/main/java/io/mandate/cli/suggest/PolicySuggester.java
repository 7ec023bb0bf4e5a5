package io.mandate.cli.suggest;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.mandate.agent.journal.JournalEvent;
import io.mandate.cli.journal.RecordedCall;
import io.mandate.cli.replay.WhatIf;
import io.mandate.policy.Decision;
import io.mandate.policy.Kind;
import io.mandate.policy.LoadResult;
import io.mandate.policy.PolicyLoader;
import io.mandate.policy.text.PolicyFormatter;

/**
 * Builds a least-privilege policy for one agent from what the journal shows it doing.
 *
 * <ul>
 *   <li>Evidence: the agent's calls the recorded policy permitted (ALLOW or FLAG); each recorded
 *       (operation, resource) access of them becomes allowed. Denied calls are never evidence.</li>
 *   <li>jdbc tables, net host:port and process commands stay exact; http hosts and ports stay
 *       exact; http paths (per method and origin) and file paths (per operation) collapse into
 *       {@code dir/**} once more than {@code maxSiblings} of them share a directory
 *       ({@link SiblingCollapse}), unless that would cover a path the journal shows denied.</li>
 *   <li>A resource seen only in flagged calls is flagged rather than allowed.</li>
 *   <li>A rule is limited to the tools it was seen from ({@code when tool in [...]}) when every
 *       call behind it ran in a step; calls outside any step leave it unconditioned.</li>
 *   <li>Count and volume limits that denied calls of the agent (their decision names them) are
 *       carried over as they were.</li>
 *   <li>Then every denied call is re-decided with the suggestion; one it would permit (the old
 *       policy told it apart by something other than tool and resource) gets an exact deny for
 *       its tool and chain depth, kept only if no permitted call falls under it.</li>
 * </ul>
 */
public final class PolicySuggester {
    /** The name rule ids of the suggestion start with. */
    public static final String SOURCE_NAME = "suggested.mandate";

    private final int maxSiblings;
    private final ZoneId zone;

    public PolicySuggester(int maxSiblings, ZoneId zone) {
        this.maxSiblings = maxSiblings;
        this.zone = zone;
    }

    /** A suggestion and what it was made from. */
    public record Suggestion(String agent, String text, int permittedCalls, int deniedCalls, List<String> unresolved) {
    }

    private record Access(Kind kind, String operation, String resource, String tool, boolean flagged) {
    }

    private record RuleKey(String verdict, Kind kind, String tools, String patterns) {
    }

    public Suggestion suggest(String agent, List<RecordedCall> allCalls) {
        List<RecordedCall> calls = allCalls.stream().filter(c -> c.agent().equals(agent) && !c.incomplete()
                && WhatIf.kindOf(c.kind()) != null).toList();
        List<RecordedCall> permitted = calls.stream().filter(RecordedCall::permitted).toList();
        List<RecordedCall> denied = calls.stream().filter(c -> "DENY".equals(c.verdict())).toList();
        List<RecordedCall> deniedByRules = denied.stream().filter(c -> !c.deniedByLimit()).toList();

        List<Access> evidence = accesses(permitted);
        List<Access> deniedAccesses = accesses(deniedByRules);
        List<String> rules = allowRules(evidence, deniedAccesses);
        Set<String> limits = carriedLimits(denied);
        List<String> unresolved = new ArrayList<>();
        String text = render(agent, rules, limits);
        for (RecordedCall call : deniedByRules) {
            if (!permits(text, call)) {
                continue;
            }
            String deny = exactDeny(call);
            String candidate = render(agent, append(rules, deny), limits);
            if (permitted.stream().allMatch(p -> permits(candidate, p))) {
                rules.add(deny);
                text = candidate;
            } else {
                unresolved.add(call.kind() + " " + call.operation() + " " + call.resource() + " (" + call.ruleId()
                        + "): no rule of tool and resource tells it from a permitted call");
            }
        }
        return new Suggestion(agent, canonical(text), permitted.size(), denied.size(), unresolved);
    }

    private static List<Access> accesses(List<RecordedCall> calls) {
        List<Access> accesses = new ArrayList<>();
        for (RecordedCall call : calls) {
            Kind kind = WhatIf.kindOf(call.kind());
            for (JournalEvent.Access a : call.accesses()) {
                accesses.add(new Access(kind, normalizeOperation(kind, a.operation()), a.resource(), call.tool(),
                        "FLAG".equals(call.verdict())));
            }
        }
        return accesses;
    }

    private static String normalizeOperation(Kind kind, String operation) {
        return kind == Kind.HTTP ? operation.toUpperCase(Locale.ROOT) : operation.toLowerCase(Locale.ROOT);
    }

    /**
     * Allow rules, one per kind, tool set and set of operations, in a stable order; a pattern seen
     * only in flagged calls becomes a flag rule, so what was marked for review stays marked.
     */
    private List<String> allowRules(List<Access> evidence, List<Access> denied) {
        // (kind, operation) -> patterns, then pattern -> tools ("" in the set: seen outside a step)
        Map<RuleKey, Set<String>> operationsByRule = new TreeMap<>(
                (a, b) -> a.toString().compareTo(b.toString()));
        Map<String, List<Access>> byKindAndOperation = new TreeMap<>();
        for (Access a : evidence) {
            byKindAndOperation.computeIfAbsent(a.kind() + " " + a.operation(), k -> new ArrayList<>()).add(a);
        }
        for (List<Access> group : byKindAndOperation.values()) {
            Kind kind = group.get(0).kind();
            String operation = group.get(0).operation();
            Set<String> deniedResources = denied.stream().filter(d -> d.kind() == kind && d.operation().equals(operation))
                    .map(Access::resource).collect(Collectors.toSet());
            for (String pattern : patterns(kind, group, deniedResources)) {
                Set<String> tools = new TreeSet<>();
                boolean onlyFlagged = true;
                for (Access a : group) {
                    if (matches(kind, pattern, a.resource())) {
                        tools.add(a.tool());
                        onlyFlagged &= a.flagged();
                    }
                }
                String toolKey = tools.contains("") ? "" : String.join("\u0001", tools);
                operationsByRule.computeIfAbsent(new RuleKey(onlyFlagged ? "flag" : "allow", kind, toolKey, pattern),
                        k -> new TreeSet<>()).add(operation);
            }
        }
        // merge patterns that share kind, tools and operations into one rule
        Map<String, Set<String>> patternsByRule = new TreeMap<>();
        for (Map.Entry<RuleKey, Set<String>> e : operationsByRule.entrySet()) {
            RuleKey key = e.getKey();
            String head = key.verdict() + "\u0000" + key.kind().keyword() + "\u0000" + key.tools() + "\u0000" + String.join(", ", e.getValue())
                    + "\u0000" + (key.patterns().isEmpty() ? "any" : "some");
            patternsByRule.computeIfAbsent(head, k -> new TreeSet<>()).add(key.patterns());
        }
        List<String> rules = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : patternsByRule.entrySet()) {
            String[] head = e.getKey().split("\u0000", -1);
            Kind kind = WhatIf.kindOf(head[1]);
            rules.add(head[0] + " " + target(kind, head[3], e.getValue()) + toolCondition(head[2]));
        }
        return rules;
    }

    private List<String> patterns(Kind kind, List<Access> group, Set<String> deniedResources) {
        Set<String> resources = group.stream().map(Access::resource).collect(Collectors.toCollection(TreeSet::new));
        switch (kind) {
            case FILE:
            {
                List<String> patterns = SiblingCollapse.collapse(resources.stream().filter(r -> r.startsWith("/")).toList(),
                        maxSiblings, glob -> deniedResources.stream().anyMatch(d -> SiblingCollapse.covers(glob, d)));
                resources.stream().filter(r -> !r.startsWith("/")).forEach(patterns::add); // not a path: kept exact
                return patterns;
            }
            case HTTP: {
                Map<String, List<String>> pathsByOrigin = new TreeMap<>();
                for (String url : resources) {
                    HttpUrl u = HttpUrl.split(url);
                    pathsByOrigin.computeIfAbsent(u.origin(), o -> new ArrayList<>()).add(u.path());
                }
                List<String> patterns = new ArrayList<>();
                pathsByOrigin.forEach((origin, paths) -> {
                    for (String path : SiblingCollapse.collapse(paths, maxSiblings, glob -> deniedResources.stream()
                            .map(HttpUrl::split).anyMatch(d -> d.origin().equals(origin) && SiblingCollapse.covers(glob, d.path())))) {
                        patterns.add(origin + path);
                    }
                });
                return patterns;
            }
            default:
                return new ArrayList<>(resources);
        }
    }

    private static boolean matches(Kind kind, String pattern, String resource) {
        if (pattern.equals(resource) || !pattern.endsWith("/**")) {
            return pattern.equals(resource);
        }
        if (kind == Kind.HTTP) {
            HttpUrl p = HttpUrl.split(pattern);
            HttpUrl r = HttpUrl.split(resource);
            return p.origin().equals(r.origin()) && SiblingCollapse.covers(p.path(), r.path());
        }
        return SiblingCollapse.covers(pattern, resource);
    }

    private static String target(Kind kind, String operations, Set<String> patterns) {
        String head = kind.keyword() + " " + operations;
        if (patterns.contains("")) {
            return head; // the empty resource (unreadable SQL) is matched by a rule without resources
        }
        String list = patterns.stream().map(PolicyFormatter::quote).collect(Collectors.joining(", "));
        return switch (kind) {
            case JDBC -> head + " on " + list;
            case HTTP, NET -> head + " to " + list;
            default -> head + " " + list;
        };
    }

    private static String toolCondition(String toolKey) {
        if (toolKey.isEmpty()) {
            return "";
        }
        return " when tool in [" + Arrays.stream(toolKey.split("\u0001")).map(PolicyFormatter::quote)
                .collect(Collectors.joining(", ")) + "]";
    }

    /** The limits named by the decisions of calls a limit denied ("limit jdbc rows 20 per chain exceeded"). */
    private static Set<String> carriedLimits(List<RecordedCall> denied) {
        Set<String> limits = new LinkedHashSet<>();
        for (RecordedCall call : denied) {
            String reason = call.reason();
            if (call.deniedByLimit() && reason.startsWith("limit ") && reason.endsWith(" exceeded")) {
                String limit = reason.substring(0, reason.length() - " exceeded".length());
                if (PolicyLoader.parse(SOURCE_NAME, "policy \"l\"\nagent \"*\" {\n  " + limit + "\n}\n").ok()) {
                    limits.add(limit);
                }
            }
        }
        return limits;
    }

    private static String exactDeny(RecordedCall call) {
        Kind kind = WhatIf.kindOf(call.kind());
        Map<String, Set<String>> resourcesByOperation = new TreeMap<>();
        for (JournalEvent.Access a : call.accesses()) {
            resourcesByOperation.computeIfAbsent(normalizeOperation(kind, a.operation()), o -> new TreeSet<>()).add(a.resource());
        }
        // one rule per call: the operations and resources it asked for, in the context it asked them
        Set<String> operations = resourcesByOperation.keySet();
        Set<String> resources = new TreeSet<>();
        resourcesByOperation.values().forEach(resources::addAll);
        String condition = " when " + (call.tool().isEmpty() ? "" : "tool == " + PolicyFormatter.quote(call.tool()) + " and ")
                + "chain.depth == " + call.depth();
        return "deny " + target(kind, String.join(", ", operations), resources) + condition;
    }

    private static List<String> append(List<String> rules, String rule) {
        List<String> more = new ArrayList<>(rules);
        more.add(rule);
        return more;
    }

    private boolean permits(String policyText, RecordedCall call) {
        LoadResult loaded = PolicyLoader.parse(SOURCE_NAME, policyText);
        if (!loaded.ok()) {
            throw new IllegalStateException("the suggestion does not load:\n" + loaded.render() + policyText);
        }
        Decision decision = WhatIf.decide(loaded.policy(), call, zone);
        return decision != null && decision.verdict().permits();
    }

    private static String render(String agent, List<String> rules, Set<String> limits) {
        StringBuilder text = new StringBuilder("policy ").append(PolicyFormatter.quote("suggested for " + agent))
                .append("\ndefault deny\n\nagent ").append(PolicyFormatter.quote(agent)).append(" {\n");
        rules.forEach(r -> text.append("  ").append(r).append('\n'));
        limits.forEach(l -> text.append("  ").append(l).append('\n'));
        return text.append("}\n").toString();
    }

    private static String canonical(String text) {
        LoadResult loaded = PolicyLoader.parse(SOURCE_NAME, text);
        if (!loaded.ok() || loaded.ast() == null) {
            throw new IllegalStateException("the suggestion does not load:\n" + loaded.render() + text);
        }
        return PolicyFormatter.format(loaded.ast());
    }
}
