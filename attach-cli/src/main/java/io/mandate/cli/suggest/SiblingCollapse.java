package io.mandate.cli.suggest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The path generalization of suggest-policy: paths observed under one parent directory stay exact
 * while there are at most {@code maxSiblings} of them; beyond that they become {@code parent/**},
 * unless that pattern would also cover a path the journal shows denied, in which case they stay
 * exact. One level only: a collapsed directory is not collapsed again into its parent, so a
 * suggestion never widens further than the directory the agent was seen working in.
 */
public final class SiblingCollapse {
    private SiblingCollapse() {
    }

    /**
     * @param paths absolute paths ("/srv/kb/a.md", "/v1/tickets/7")
     * @param coversDenied tells whether a candidate "dir/**" would cover a denied path
     * @return patterns, sorted: exact paths and "dir/**" globs
     */
    public static List<String> collapse(Collection<String> paths, int maxSiblings, Predicate<String> coversDenied) {
        Map<String, Set<String>> byParent = new LinkedHashMap<>();
        for (String path : new TreeSet<>(paths)) {
            byParent.computeIfAbsent(parent(path), p -> new TreeSet<>()).add(path);
        }
        Set<String> patterns = new TreeSet<>();
        for (Map.Entry<String, Set<String>> group : byParent.entrySet()) {
            String glob = (group.getKey().endsWith("/") ? group.getKey() : group.getKey() + "/") + "**";
            if (group.getValue().size() > maxSiblings && !coversDenied.test(glob)) {
                patterns.add(glob);
            } else {
                patterns.addAll(group.getValue());
            }
        }
        return new ArrayList<>(patterns);
    }

    /** "/a/b/c" → "/a/b"; "/a" → "/"; a path without a slash is its own parent (never collapsed with others). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return path;
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** Whether {@code glob} ("dir/**") covers {@code path}, as the policy language's file globs do. */
    public static boolean covers(String glob, String path) {
        String dir = glob.substring(0, glob.length() - "/**".length());
        return path.equals(dir) || path.startsWith(dir.isEmpty() ? "/" : dir + "/");
    }
}
