package io.mandate.policy.match;

/**
 * A compiled pattern over the resources of one kind. Matching allocates nothing.
 * {@link #indexKey()} names the one key (a table's last segment, a host) every match must have, so
 * rules can be found by hash lookup instead of a scan; null when the pattern must be scanned.
 */
public interface ResourcePattern {
    boolean matches(String resource);

    String indexKey();

    /** True when the pattern matches every resource of its kind. */
    boolean matchesEverything();

    /** The pattern as written in the policy. */
    String text();

    /**
     * True when every resource this pattern matches is also matched by {@code wider}, as far as
     * can be told without enumerating: {@code wider} matches everything, is the same pattern, or
     * matches this pattern's one resource when this pattern has no wildcard.
     */
    default boolean coveredBy(ResourcePattern wider) {
        return wider.matchesEverything() || wider.text().equals(text()) || (text().indexOf('*') < 0 && wider.matches(text()));
    }
}
