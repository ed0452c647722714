package org.lightbox.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.TlsOptions;

/**
 * The DICOM TLS context of the configuration's key and trust stores, for every association this device opens to a
 * remote AE marked TLS (the node's C-MOVE sub-operations and commitment reports, the query client, the transfer
 * queue) and for the node's TLS port. Without stores, such a remote AE is refused, and a node with a TLS port does
 * not start, with a message that says what to configure.
 */
public final class NodeTls {

    private NodeTls() {
    }

    /**
     * The TLS options of {@code settings}, or {@code null} when no stores are configured.
     *
     * @throws IOException when a store cannot be read or opened with its password (the message names the file)
     */
    public static TlsOptions options(TlsSettings settings) throws IOException {
        if (!settings.configured()) {
            return null;
        }
        try {
            return TlsOptions.of(Path.of(settings.keyStore()), settings.keyStorePassword(System::getenv),
                    Path.of(settings.trustStore()), settings.trustStorePassword(System::getenv));
        } catch (IOException e) {
            throw new IOException("DICOM TLS: " + e.getMessage(), e); // names the store that failed
        } catch (GeneralSecurityException e) {
            throw new IOException("DICOM TLS with key store " + settings.keyStore() + " and trust store "
                    + settings.trustStore() + ": " + e.getMessage(), e);
        }
    }

    /** {@code options} with the configuration's TLS context (unchanged when none is configured). */
    public static ConnectionOptions withTls(ConnectionOptions options, DeviceConfiguration config)
            throws IOException {
        TlsOptions t = options(config.tls());
        return t == null ? options : options.withTls(t);
    }
}
