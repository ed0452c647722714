package org.lightbox.config;

import java.io.IOException;

/** A configuration file that cannot be read, with the file and what is wrong (and where, when known). */
public class ConfigurationException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
