package io.mandate.policy.match;

import io.mandate.policy.Kind;

/** Compiles a resource pattern of a kind, and finds the index key region of a request's resource. */
public final class ResourcePatterns {
    private ResourcePatterns() {
    }

    public static ResourcePattern compile(Kind kind, String text) throws PatternException {
        switch (kind) {
            case JDBC: return TablePattern.compile(text);
            case HTTP: return UrlPattern.compile(text);
            case NET: return HostPortPattern.compile(text);
            case FILE: return FilePattern.compile(text);
            default: return CommandPattern.compile(text);
        }
    }

    /** The pattern for a rule without a resource list. */
    public static ResourcePattern any() {
        return new AnyResource("");
    }

    /**
     * The region of {@code resource} that indexed patterns are keyed by (start << 32 | end), or -1
     * when the kind is not indexed or the resource has no such region.
     */
    public static long keyRegion(Kind kind, String resource) {
        switch (kind) {
            case JDBC: return resource.isEmpty() ? -1 : TablePattern.lastSegment(resource);
            case HTTP: return UrlPattern.hostRegion(resource);
            case NET: return HostPortPattern.hostRegion(resource);
            default: return -1;
        }
    }
}
