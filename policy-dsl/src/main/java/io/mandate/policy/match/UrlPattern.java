package io.mandate.policy.match;

import java.util.Locale;

/**
 * An http URL pattern {@code scheme://host[:port][/path]}. {@code *} matches within one host
 * label, the port, or one path segment; {@code **} any run. Scheme and host compare
 * case-insensitively, the path exactly. Left out, the port means the scheme's default port (so
 * {@code http://h/x} matches {@code http://h/x} and {@code http://h:80/x}), and the path means
 * any path. A path ending in {@code /**} also matches the path without it.
 */
public final class UrlPattern implements ResourcePattern {
    private final String text;
    private final Glob scheme;
    private final Glob host;
    private final Glob port; // null: the scheme's default port
    private final PathGlob path; // null: any path
    private final String indexKey;

    private UrlPattern(String text, Glob scheme, Glob host, Glob port, PathGlob path) {
        this.text = text;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.indexKey = host.isLiteral() ? host.pattern().toLowerCase(Locale.ROOT) : null;
    }

    public static ResourcePattern compile(String text) throws PatternException {
        if (text.equals("*") || text.equals("**")) {
            return new AnyResource(text);
        }
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new PatternException("a URL pattern needs a scheme and a host, as in \"https://api.example/**\"", 0, "");
        }
        String schemeText = text.substring(0, sep);
        for (int i = 0; i < schemeText.length(); i++) {
            char c = schemeText.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.' || c == '*')) {
                throw new PatternException("bad character '" + c + "' in the URL scheme", i, "");
            }
        }
        int hostStart = sep + 3;
        int pathStart = text.indexOf('/', hostStart);
        int authorityEnd = pathStart < 0 ? text.length() : pathStart;
        if (text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
            int at = Math.max(text.indexOf('?'), text.indexOf('#'));
            throw new PatternException("URL patterns match without the query string: the agent strips it", at, "");
        }
        int portColon = portColon(text, hostStart, authorityEnd);
        int hostEnd = portColon < 0 ? authorityEnd : portColon;
        if (hostEnd == hostStart) {
            throw new PatternException("the URL pattern has no host", hostStart, "");
        }
        Glob portGlob = null;
        if (portColon >= 0) {
            String portText = text.substring(portColon + 1, authorityEnd);
            if (portText.isEmpty()) {
                throw new PatternException("empty port", portColon + 1, "leave out ':' for the default port, or write :*");
            }
            for (int i = 0; i < portText.length(); i++) {
                char c = portText.charAt(i);
                if (!(c >= '0' && c <= '9') && c != '*') {
                    throw new PatternException("bad character '" + c + "' in the port", portColon + 1 + i, "");
                }
            }
            portGlob = Glob.compile(portText, Glob.NO_SEPARATOR, false);
        }
        PathGlob pathGlob = pathStart < 0 ? null : new PathGlob(text.substring(pathStart));
        return new UrlPattern(text, Glob.compile(schemeText, Glob.NO_SEPARATOR, true),
                Glob.compile(text.substring(hostStart, hostEnd), '.', true), portGlob, pathGlob);
    }

    /** The colon before the port inside an authority, or -1 ({@code [v6]} hosts keep their colons). */
    private static int portColon(String s, int from, int to) {
        int bracket = s.lastIndexOf(']', to - 1);
        int colon = s.lastIndexOf(':', to - 1);
        if (colon < from || (bracket >= from && colon < bracket)) {
            return -1;
        }
        return colon;
    }

    @Override
    public boolean matches(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            return false;
        }
        if (!scheme.matches(url, 0, sep)) {
            return false;
        }
        int authorityStart = sep + 3;
        int pathStart = url.indexOf('/', authorityStart);
        int authorityEnd = pathStart < 0 ? url.length() : pathStart;
        int at = url.lastIndexOf('@', authorityEnd - 1);
        int hostStart = at >= authorityStart ? at + 1 : authorityStart;
        int colon = portColon(url, hostStart, authorityEnd);
        int hostEnd = colon < 0 ? authorityEnd : colon;
        if (!host.matches(url, hostStart, hostEnd)) {
            return false;
        }
        if (!portMatches(url, sep, colon, authorityEnd)) {
            return false;
        }
        if (path == null) {
            return true;
        }
        return pathStart < 0 ? path.matches("/", 0, 1) : path.matches(url, pathStart, url.length());
    }

    private boolean portMatches(String url, int schemeEnd, int colon, int authorityEnd) {
        boolean explicit = colon >= 0 && colon + 1 < authorityEnd;
        String defaultPort = defaultPort(url, schemeEnd);
        if (port == null) {
            if (!explicit) {
                return true;
            }
            return defaultPort != null && regionIs(url, colon + 1, authorityEnd, defaultPort);
        }
        if (explicit) {
            return port.matches(url, colon + 1, authorityEnd);
        }
        return defaultPort != null && port.matches(defaultPort);
    }

    private static String defaultPort(String url, int schemeEnd) {
        if (schemeEnd == 4 && url.regionMatches(true, 0, "http", 0, 4) || schemeEnd == 2 && url.regionMatches(true, 0, "ws", 0, 2)) {
            return "80";
        }
        if (schemeEnd == 5 && url.regionMatches(true, 0, "https", 0, 5) || schemeEnd == 3 && url.regionMatches(true, 0, "wss", 0, 3)) {
            return "443";
        }
        return null;
    }

    private static boolean regionIs(String s, int from, int to, String expected) {
        return to - from == expected.length() && s.regionMatches(from, expected, 0, expected.length());
    }

    /** Start and end of the host of a URL, packed as start << 32 | end; -1 when there is none. */
    public static long hostRegion(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            return -1;
        }
        int authorityStart = sep + 3;
        int pathStart = url.indexOf('/', authorityStart);
        int authorityEnd = pathStart < 0 ? url.length() : pathStart;
        int at = url.lastIndexOf('@', authorityEnd - 1);
        int hostStart = at >= authorityStart ? at + 1 : authorityStart;
        int colon = portColon(url, hostStart, authorityEnd);
        return ((long) hostStart << 32) | (colon < 0 ? authorityEnd : colon);
    }

    @Override public String indexKey() { return indexKey; }

    @Override public boolean matchesEverything() { return false; }

    @Override public String text() { return text; }
}
