package io.mandate.policy.match;

/**
 * A process command glob. Without '/' it matches the executable's file name whatever directory
 * it was started from ({@code curl} matches {@code curl} and {@code /usr/bin/curl}; {@code *}
 * matches every command); with '/' it matches the command as a path glob.
 */
public final class CommandPattern implements ResourcePattern {
    private final String text;
    private final Glob nameGlob;   // set when the pattern has no '/'
    private final PathGlob pathGlob;

    private CommandPattern(String text) {
        this.text = text;
        boolean byName = text.indexOf('/') < 0;
        this.nameGlob = byName ? Glob.compile(text, Glob.NO_SEPARATOR, false) : null;
        this.pathGlob = byName ? null : new PathGlob(text);
    }

    public static ResourcePattern compile(String text) throws PatternException {
        if (text.equals("*") || text.equals("**")) {
            return new AnyResource(text);
        }
        if (text.isEmpty()) {
            throw new PatternException("empty command pattern", 0, "write \"*\" for any command");
        }
        return new CommandPattern(text);
    }

    @Override
    public boolean matches(String command) {
        if (nameGlob != null) {
            int slash = Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\'));
            return nameGlob.matches(command, slash + 1, command.length());
        }
        return pathGlob.matches(command, 0, command.length());
    }

    @Override public String indexKey() { return null; }

    @Override public boolean matchesEverything() { return false; }

    @Override public String text() { return text; }
}
