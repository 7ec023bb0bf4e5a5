package io.mandate.policy.eval;

import io.mandate.policy.Kind;
import io.mandate.policy.Request;
import io.mandate.policy.match.KeyIndex;
import io.mandate.policy.match.ResourcePatterns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one verdict for one operation of one kind. Patterns with an index key (a table's
 * last segment, a host) are found by hash lookup; the others are scanned. Entries are in source
 * order, so the first match is the earliest rule.
 */
final class TierIndex {
    private static final RuleEntry[] NONE = new RuleEntry[0];

    private final Kind kind;
    private final KeyIndex<RuleEntry[]> keyed;
    private final RuleEntry[] scanned;

    TierIndex(Kind kind, List<RuleEntry> entries) {
        this.kind = kind;
        Map<String, List<RuleEntry>> byKey = new HashMap<>();
        List<RuleEntry> scan = new ArrayList<>();
        for (RuleEntry e : entries) {
            String key = e.pattern().indexKey();
            if (key == null) {
                scan.add(e);
            } else {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, RuleEntry[]> arrays = new HashMap<>();
        byKey.forEach((k, list) -> arrays.put(k, sorted(list)));
        this.keyed = arrays.isEmpty() ? null : new KeyIndex<>(arrays);
        this.scanned = scan.isEmpty() ? NONE : sorted(scan);
    }

    private static RuleEntry[] sorted(List<RuleEntry> list) {
        list.sort(Comparator.comparingInt(e -> e.rule().order));
        return list.toArray(NONE);
    }

    boolean isEmpty() {
        return keyed == null && scanned.length == 0;
    }

    /** The earliest rule of this tier that matches {@code resource} and whose condition holds, or null. */
    CompiledRule first(String resource, Request request) {
        CompiledRule best = null;
        if (keyed != null) {
            long region = ResourcePatterns.keyRegion(kind, resource);
            if (region >= 0) {
                RuleEntry[] candidates = keyed.get(resource, (int) (region >>> 32), (int) region);
                if (candidates != null) {
                    best = firstIn(candidates, resource, request, Integer.MAX_VALUE);
                }
            }
        }
        CompiledRule scan = firstIn(scanned, resource, request, best == null ? Integer.MAX_VALUE : best.order);
        return scan != null ? scan : best;
    }

    private static CompiledRule firstIn(RuleEntry[] entries, String resource, Request request, int before) {
        for (RuleEntry e : entries) {
            CompiledRule rule = e.rule();
            if (rule.order >= before) {
                return null;
            }
            if (e.pattern().matches(resource) && rule.applies(request)) {
                return rule;
            }
        }
        return null;
    }
}
