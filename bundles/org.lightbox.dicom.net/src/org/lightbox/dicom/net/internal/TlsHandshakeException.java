package org.lightbox.dicom.net.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * The TLS handshake of an incoming connection failed (untrusted or missing client certificate, no common protocol,
 * plain DICOM sent to a TLS port, a silent peer): no association came about, and the acceptor goes on serving.
 */
public final class TlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    TlsHandshakeException(IOException cause, int timeoutMillis) {
        super("TLS handshake failed: " + reason(cause, timeoutMillis), cause);
    }

    private static String reason(IOException e, int timeoutMillis) {
        if (e instanceof SocketTimeoutException) {
            return "no handshake within " + timeoutMillis + " ms";
        }
        if (e instanceof EOFException) {
            return "the peer closed the connection";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the JDK's words for a peer that speaks plain DICOM (an A-ASSOCIATE-RQ is no TLS record)
        return m.contains("nrecognized SSL message") ? m + " (plain DICOM sent to the TLS port?)" : m;
    }
}
