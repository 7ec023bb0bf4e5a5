package io.mandate.policy.match;

import java.util.Locale;

/**
 * A jdbc table pattern: dot-separated segments, each a glob where {@code *} stays inside the
 * segment. Names compare case-insensitively and from the right: {@code customers} matches
 * {@code customers} in any schema, and {@code public.customers} matches {@code public.customers}
 * and the bare {@code customers} (the agent cannot know the connection's default schema, so a
 * qualified rule also covers the unqualified spelling); {@code public.*} matches qualified names
 * only, since it would otherwise match every bare table. Two qualified names must agree on every
 * segment both have. The empty resource (SQL that could not be read) matches no table pattern.
 */
public final class TablePattern implements ResourcePattern {
    private final String text;
    private final Glob[] segments;
    private final String indexKey;

    private TablePattern(String text, Glob[] segments) {
        this.text = text;
        this.segments = segments;
        Glob last = segments[segments.length - 1];
        this.indexKey = last.isLiteral() ? last.pattern().toLowerCase(Locale.ROOT) : null;
    }

    public static ResourcePattern compile(String text) throws PatternException {
        if (text.equals("*") || text.equals("**")) {
            return new AnyResource(text);
        }
        if (text.isEmpty()) {
            throw new PatternException("empty table name", 0, "write * for any table");
        }
        String[] parts = text.split("\\.", -1);
        Glob[] segments = new Glob[parts.length];
        int offset = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw new PatternException("empty segment in table name '" + text + "'", offset, "");
            }
            segments[i] = Glob.compile(parts[i], Glob.NO_SEPARATOR, true);
            offset += parts[i].length() + 1;
        }
        return new TablePattern(text, segments);
    }

    @Override
    public boolean matches(String resource) {
        if (resource.isEmpty()) {
            return false;
        }
        int end = resource.length();
        for (int i = segments.length - 1; i >= 0 && end >= 0; i--) {
            int dot = resource.lastIndexOf('.', end - 1);
            if (!segments[i].matches(resource, dot + 1, end)) {
                return false;
            }
            if (dot < 0) {
                // The request has no more segments: the rule's qualifiers are assumed, but only for
                // a literal table name; "public.*" must not match every bare table of every schema.
                return i == 0 || segments[i].isLiteral();
            }
            end = dot;
        }
        return true;
    }

    /** The start and end of the last segment of a table name, packed as start << 32 | end. */
    public static long lastSegment(String resource) {
        int dot = resource.lastIndexOf('.');
        return ((long) (dot + 1) << 32) | resource.length();
    }

    @Override public String indexKey() { return indexKey; }

    @Override public boolean matchesEverything() { return false; }

    @Override public String text() { return text; }

    @Override
    public boolean coveredBy(ResourcePattern wider) {
        if (wider.matchesEverything() || wider.text().equalsIgnoreCase(text)) {
            return true;
        }
        return wider instanceof TablePattern && text.indexOf('*') < 0 && wider.matches(text.toLowerCase(Locale.ROOT));
    }
}
