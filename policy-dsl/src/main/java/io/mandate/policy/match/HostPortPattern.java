package io.mandate.policy.match;

import java.util.Locale;

/**
 * A net pattern {@code host:port}, {@code [v6]:port} or {@code host} (any port). {@code *} matches
 * within one host label or the port, {@code **} any run; hosts compare case-insensitively.
 */
public final class HostPortPattern implements ResourcePattern {
    private final String text;
    private final Glob host;
    private final Glob port; // null: any port
    private final String indexKey;

    private HostPortPattern(String text, Glob host, Glob port) {
        this.text = text;
        this.host = host;
        this.port = port;
        this.indexKey = host.isLiteral() ? host.pattern().toLowerCase(Locale.ROOT) : null;
    }

    public static ResourcePattern compile(String text) throws PatternException {
        if (text.equals("*") || text.equals("**") || text.equals("*:*") || text.equals("**:*")) {
            return new AnyResource(text);
        }
        if (text.contains("://") || text.indexOf('/') >= 0) {
            throw new PatternException("net patterns are host:port, not URLs", Math.max(0, text.indexOf('/')), "use an http rule for URLs");
        }
        int colon = portColon(text);
        String hostText = colon < 0 ? text : text.substring(0, colon);
        if (hostText.isEmpty()) {
            throw new PatternException("the net pattern has no host", 0, "");
        }
        Glob portGlob = null;
        if (colon >= 0) {
            String portText = text.substring(colon + 1);
            if (portText.isEmpty()) {
                throw new PatternException("empty port", colon + 1, "leave out ':' for any port, or write :*");
            }
            for (int i = 0; i < portText.length(); i++) {
                char c = portText.charAt(i);
                if (!(c >= '0' && c <= '9') && c != '*') {
                    throw new PatternException("bad character '" + c + "' in the port", colon + 1 + i, "");
                }
            }
            portGlob = Glob.compile(portText, Glob.NO_SEPARATOR, false);
        }
        return new HostPortPattern(text, Glob.compile(hostText, '.', true), portGlob);
    }

    private static int portColon(String s) {
        int colon = s.lastIndexOf(':');
        int bracket = s.lastIndexOf(']');
        if (colon < 0 || colon < bracket) {
            return -1;
        }
        if (bracket < 0 && s.indexOf(':') != colon) {
            return -1; // a bare IPv6 address without brackets has no port
        }
        return colon;
    }

    @Override
    public boolean matches(String resource) {
        int colon = portColon(resource);
        int hostEnd = colon < 0 ? resource.length() : colon;
        if (!host.matches(resource, 0, hostEnd)) {
            return false;
        }
        return port == null || (colon >= 0 && port.matches(resource, colon + 1, resource.length()));
    }

    /** Start and end of the host of a host:port string, packed as start << 32 | end. */
    public static long hostRegion(String resource) {
        int colon = portColon(resource);
        return colon < 0 ? resource.length() : colon;
    }

    @Override public String indexKey() { return indexKey; }

    @Override public boolean matchesEverything() { return false; }

    @Override public String text() { return text; }
}
