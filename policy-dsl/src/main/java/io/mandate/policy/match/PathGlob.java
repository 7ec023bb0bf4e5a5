package io.mandate.policy.match;

/**
 * A path glob: {@code *} stays inside one segment, {@code **} crosses segments, and a pattern
 * ending in {@code /**} also matches the directory itself ({@code /srv/kb/**} matches {@code /srv/kb}).
 */
final class PathGlob {
    private final Glob glob;
    private final Glob directory; // the pattern without its trailing "/**", or null

    PathGlob(String pattern) {
        this.glob = Glob.compile(pattern, '/', false);
        this.directory = pattern.endsWith("/**") && pattern.length() > 3
                ? Glob.compile(pattern.substring(0, pattern.length() - 3), '/', false) : null;
    }

    boolean matches(CharSequence s, int from, int to) {
        return glob.matches(s, from, to) || (directory != null && directory.matches(s, from, to));
    }

    boolean matchesEverything() {
        return glob.matchesEverything();
    }
}
