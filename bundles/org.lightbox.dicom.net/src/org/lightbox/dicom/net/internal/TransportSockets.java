package org.lightbox.dicom.net.internal;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLSocket;

import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.TlsOptions;

/** Socket settings every association gets, and the TLS layer when configured. */
final class TransportSockets {
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private TransportSockets() {
    }

    static void configure(Socket s, ConnectionOptions o) throws SocketException {
        // without TCP_NODELAY every small PDU waits for the peer's delayed ACK (~40 ms)
        s.setTcpNoDelay(true);
        if (o.sendBufferSize() > 0) {
            s.setSendBufferSize(o.sendBufferSize());
        }
        if (o.receiveBufferSize() > 0) {
            s.setReceiveBufferSize(o.receiveBufferSize());
        }
    }

    /** Wraps {@code s} in TLS (PS3.15 B.1) and completes the handshake, or returns it as is without TLS. */
    static Socket wrapTls(Socket s, TlsOptions tls, String host, int port, boolean client) throws IOException {
        return wrapTls(s, tls, host, port, client, HANDSHAKE_TIMEOUT_MILLIS);
    }

    /** As above, giving the peer {@code timeoutMillis} for each step of the handshake. */
    static Socket wrapTls(Socket s, TlsOptions tls, String host, int port, boolean client, int timeoutMillis)
            throws IOException {
        if (tls == null) {
            return s;
        }
        SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(s, host, port, true);
        ssl.setEnabledProtocols(tls.protocols().toArray(String[]::new));
        ssl.setUseClientMode(client);
        if (!client) {
            ssl.setNeedClientAuth(tls.needClientAuth());
        }
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return ssl;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a broken socket: nothing to report
        }
    }
}
