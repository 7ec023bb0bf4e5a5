package io.mandate.agent.instrumentation.net.runtime;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The two resources of one connect target, as the policy matches them: the host as the application
 * asked for it ({@code api.example:443}) and the address the JDK will connect to
 * ({@code 93.184.215.14:443}, {@code [2001:db8::1]:443}); null when the name was left unresolved
 * (the JDK refuses to connect to it, or a proxy resolves it). An IPv6 literal is written in its
 * short form (RFC 5952) in brackets whichever way it was spelled, so {@code [::1]:5432} matches.
 */
final class Endpoint {
    final String host;
    final InetAddress address;
    final int port;
    final String nameResource;
    final String addressResource;

    private Endpoint(String host, InetAddress address, int port, String nameResource, String addressResource) {
        this.host = host;
        this.address = address;
        this.port = port;
        this.nameResource = nameResource;
        this.addressResource = addressResource;
    }

    static Endpoint of(String host, InetAddress address, int port) {
        String addressResource = address == null ? null : addressText(address) + ':' + port;
        String nameResource;
        if (host.indexOf(':') >= 0) {
            // an IPv6 literal as the application spelled it: the address, when known, in one spelling
            nameResource = addressResource != null ? addressResource : '[' + stripBrackets(host) + "]:" + port;
        } else {
            nameResource = host + ':' + port;
        }
        return new Endpoint(host, address, port, nameResource,
                addressResource == null || addressResource.equals(nameResource) ? null : addressResource);
    }

    boolean sameTarget(String otherHost, InetAddress otherAddress, int otherPort) {
        return port == otherPort && host.equals(otherHost)
                && (address == null ? otherAddress == null : address.equals(otherAddress));
    }

    private static String addressText(InetAddress address) {
        return address instanceof Inet6Address ? '[' + ipv6(address.getAddress()) + ']' : address.getHostAddress();
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
    static String ipv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
