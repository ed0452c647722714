package org.lightbox.config;

import java.util.Locale;

/**
 * How Lightbox retrieves from a remote AE. C-MOVE makes the remote open a second association back to our node (so
 * the remote must know our AE title, host and port, and reach us); C-GET brings the instances back on the same
 * association (nothing inbound, so it works through firewalls and NAT, if the remote supports it).
 */
public enum RetrieveMethod {
    MOVE, GET;

    /** The method named {@code value} ("move", "GET"), for configuration files and the command line. */
    public static RetrieveMethod parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (RetrieveMethod m : values()) {
            if (m.name().equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("retrieve method '" + value + "' is neither MOVE nor GET");
    }
}
