package org.lightbox.dicom.net;

/**
 * Transport and upper-layer settings for one side of an association: PDU sizes, timeouts, TLS. Immutable with
 * {@code withX} copies. Defaults follow the seed product (16 KB receive PDUs).
 */
public final class ConnectionOptions {
    public static final int DEFAULT_MAX_PDU = 16 * 1024;
    public static final int MAX_PDU_LIMIT = 4 * 1024 * 1024;
    public static final int MIN_PDU = 4 * 1024;

    private int maxPduReceive = DEFAULT_MAX_PDU;
    private int maxPduSendCap = MAX_PDU_LIMIT;
    private int connectTimeoutMillis = 10_000;
    private int associationTimeoutMillis = 30_000;
    private int artimTimeoutMillis = 10_000;
    private int idleTimeoutMillis = 300_000;
    private int sendBufferSize;
    private int receiveBufferSize;
    private TlsOptions tls;

    public static ConnectionOptions defaults() {
        return new ConnectionOptions();
    }

    private ConnectionOptions copy() {
        ConnectionOptions c = new ConnectionOptions();
        c.maxPduReceive = maxPduReceive;
        c.maxPduSendCap = maxPduSendCap;
        c.connectTimeoutMillis = connectTimeoutMillis;
        c.associationTimeoutMillis = associationTimeoutMillis;
        c.artimTimeoutMillis = artimTimeoutMillis;
        c.idleTimeoutMillis = idleTimeoutMillis;
        c.sendBufferSize = sendBufferSize;
        c.receiveBufferSize = receiveBufferSize;
        c.tls = tls;
        return c;
    }

    /** The maximum P-DATA-TF length we announce and accept, 4 KB..4 MB. */
    public ConnectionOptions withMaxPduReceive(int bytes) {
        if (bytes < MIN_PDU || bytes > MAX_PDU_LIMIT) {
            throw new IllegalArgumentException("maximum PDU length must be " + MIN_PDU + ".." + MAX_PDU_LIMIT + ": " + bytes);
        }
        ConnectionOptions c = copy();
        c.maxPduReceive = bytes;
        return c;
    }

    /** Upper bound for PDUs we send when the peer announces a larger maximum or none. */
    public ConnectionOptions withMaxPduSendCap(int bytes) {
        if (bytes < MIN_PDU || bytes > MAX_PDU_LIMIT) {
            throw new IllegalArgumentException("PDU send cap must be " + MIN_PDU + ".." + MAX_PDU_LIMIT + ": " + bytes);
        }
        ConnectionOptions c = copy();
        c.maxPduSendCap = bytes;
        return c;
    }

    public ConnectionOptions withConnectTimeout(int millis) {
        ConnectionOptions c = copy();
        c.connectTimeoutMillis = nonNegative(millis);
        return c;
    }

    /** How long a requestor waits for A-ASSOCIATE-AC/RJ. */
    public ConnectionOptions withAssociationTimeout(int millis) {
        ConnectionOptions c = copy();
        c.associationTimeoutMillis = nonNegative(millis);
        return c;
    }

    /** The ARTIM timer (PS3.8 9.1.5): waiting for A-ASSOCIATE-RQ after connect, and for the close after RJ/RP/abort. */
    public ConnectionOptions withArtimTimeout(int millis) {
        ConnectionOptions c = copy();
        c.artimTimeoutMillis = Math.max(1, millis);
        return c;
    }

    /** Read timeout on an established association (0 = none): a silent peer is aborted after it. */
    public ConnectionOptions withIdleTimeout(int millis) {
        ConnectionOptions c = copy();
        c.idleTimeoutMillis = nonNegative(millis);
        return c;
    }

    public ConnectionOptions withSocketBuffers(int send, int receive) {
        ConnectionOptions c = copy();
        c.sendBufferSize = nonNegative(send);
        c.receiveBufferSize = nonNegative(receive);
        return c;
    }

    /** TLS for this connection, or {@code null} for plain TCP. */
    public ConnectionOptions withTls(TlsOptions t) {
        ConnectionOptions c = copy();
        c.tls = t;
        return c;
    }

    private static int nonNegative(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("must not be negative: " + v);
        }
        return v;
    }

    public int maxPduReceive() {
        return maxPduReceive;
    }

    public int maxPduSendCap() {
        return maxPduSendCap;
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int associationTimeoutMillis() {
        return associationTimeoutMillis;
    }

    public int artimTimeoutMillis() {
        return artimTimeoutMillis;
    }

    public int idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    public int sendBufferSize() {
        return sendBufferSize;
    }

    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    public TlsOptions tls() {
        return tls;
    }
}
