package org.nakamoto.node;

import java.util.regex.Pattern;

/**
 * Whether a peer's host is worth keeping: an IP literal or a DNS name within RFC 1035's limits (253
 * characters, labels of 1-63 letters, digits and hyphens). Names are checked, never looked up. A 300-character
 * host was accepted by addnode and kept in the list for good.
 */
public final class HostNames {
    /** The longest DNS name in its text form (255 octets on the wire). */
    public static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private HostNames() {
    }

    /** @return null when {@code host} is acceptable, else what is wrong with it */
    public static String problem(String host) {
        if (host == null || host.isEmpty()) {
            return "the host is empty";
        }
        if (host.length() > MAX_LENGTH) {
            return "the host is " + host.length() + " characters long; a DNS name has " + MAX_LENGTH + " at most";
        }
        if (IPV4.matcher(host).matches() || host.contains(":") && IPV6.matcher(host).matches()) {
            return null;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "'" + label + "' is not a DNS label (1-63 letters, digits and inner hyphens)";
            }
        }
        return null;
    }
}
