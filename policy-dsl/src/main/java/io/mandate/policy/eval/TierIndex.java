package io.mandate.policy.eval;

import io.mandate.policy.Request;
import io.mandate.policy.match.KeyIndex;

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

    private final KeyIndex<RuleEntry[]> keyed;
    private final RuleEntry[] scanned;

    TierIndex(List<RuleEntry> entries) {
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

    /**
     * The earliest rule of this tier that matches {@code resource} and whose condition holds, or
     * null. {@code keyRegion} (start << 32 | end, or -1) and {@code keyHash} locate the resource's
     * index key; they are computed once per access for all tiers.
     */
    CompiledRule first(String resource, long keyRegion, int keyHash, Request request) {
        CompiledRule best = null;
        if (keyed != null && keyRegion >= 0) {
            RuleEntry[] candidates = keyed.get(resource, (int) (keyRegion >>> 32), (int) keyRegion, keyHash);
            if (candidates != null) {
                best = firstIn(candidates, resource, request, Integer.MAX_VALUE);
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
