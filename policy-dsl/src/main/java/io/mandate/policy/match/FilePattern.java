package io.mandate.policy.match;

/** A file path glob over normalized absolute paths; see {@link PathGlob}. */
public final class FilePattern implements ResourcePattern {
    private final String text;
    private final PathGlob glob;

    private FilePattern(String text) {
        this.text = text;
        this.glob = new PathGlob(text);
    }

    public static ResourcePattern compile(String text) throws PatternException {
        if (text.equals("**")) {
            return new AnyResource(text);
        }
        if (text.isEmpty() || (text.charAt(0) != '/' && text.charAt(0) != '*')) {
            throw new PatternException("file patterns are absolute paths (or start with **)", 0, "as in \"/srv/kb/**\"");
        }
        return new FilePattern(text);
    }

    @Override public boolean matches(String path) { return glob.matches(path, 0, path.length()); }

    @Override public String indexKey() { return null; }

    @Override public boolean matchesEverything() { return glob.matchesEverything(); }

    @Override public String text() { return text; }
}
