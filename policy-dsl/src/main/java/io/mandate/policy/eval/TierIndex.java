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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of one verdict for one operation of one kind. Patterns with an index key (a table's
 * last segment, a host) are found by hash lookup; the others are scanned. Entries are in source
 * order, so the first match is the earliest rule.
 *
 * <p>Whether a pattern matches depends on the resource string alone, and applications name the
 * same few resources over and over (a statement's tables come from the agent's classification
 * cache as the same strings), so the entries matching a resource are remembered: a repeated
 * resource costs one map lookup instead of locating its key, hashing it and matching globs, which
 * was most of a decision. Only the rules' conditions are evaluated per request. The memory is
 * bounded: when full it starts over, so high-cardinality resources (URLs, paths) cost one insert
 * each and never grow it.
 */
final class TierIndex {
    private static final RuleEntry[] NONE = new RuleEntry[0];
    static final int MAX_REMEMBERED_RESOURCES = 1024;

    private final KeyIndex<RuleEntry[]> keyed;
    private final RuleEntry[] scanned;
    private final ConcurrentHashMap<String, RuleEntry[]> matchingByResource = new ConcurrentHashMap<>();

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

    /** The earliest rule of this tier that matches {@code resource} and whose condition holds, or null. */
    CompiledRule first(Kind kind, String resource, Request request) {
        RuleEntry[] matching = matchingByResource.get(resource);
        if (matching == null) {
            matching = remember(kind, resource);
        }
        for (RuleEntry e : matching) {
            if (e.rule().applies(request)) {
                return e.rule();
            }
        }
        return null;
    }

    private RuleEntry[] remember(Kind kind, String resource) {
        RuleEntry[] matching = matching(kind, resource);
        if (matchingByResource.size() >= MAX_REMEMBERED_RESOURCES) {
            matchingByResource.clear();
        }
        matchingByResource.put(resource, matching);
        return matching;
    }

    /** Every entry whose pattern matches {@code resource}, keyed and scanned merged in source order. */
    RuleEntry[] matching(Kind kind, String resource) {
        List<RuleEntry> found = new ArrayList<>();
        long region = ResourcePatterns.keyRegion(kind, resource);
        if (keyed != null && region >= 0) {
            int start = (int) (region >>> 32);
            int end = (int) region;
            RuleEntry[] candidates = keyed.get(resource, start, end, KeyIndex.hash(resource, start, end));
            if (candidates != null) {
                addMatching(candidates, resource, found);
            }
        }
        addMatching(scanned, resource, found);
        return found.isEmpty() ? NONE : sorted(found);
    }

    private static void addMatching(RuleEntry[] entries, String resource, List<RuleEntry> found) {
        for (RuleEntry e : entries) {
            if (e.pattern().matches(resource)) {
                found.add(e);
            }
        }
    }
}
