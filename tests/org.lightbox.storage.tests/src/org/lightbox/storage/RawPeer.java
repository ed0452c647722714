package org.lightbox.storage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * A peer that speaks raw bytes to a node: for what our SCU never does (stall in the middle of a data set, send
 * bytes that are no PDU). Reads the node's PDUs whole; every read is bounded by a 10 s timeout.
 */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    /** One PDU the node sent: type and body. */
    record Pdu(int type, byte[] body) {
    }

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    RawPeer send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next PDU from the node. */
    Pdu read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the node closed the connection");
        }
        in.readByte();
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new Pdu(type, body);
    }

    /** True once the node has closed the connection (nothing more to read). */
    boolean closedByNode() throws IOException {
        return in.read() < 0;
    }

    /** Sends the request and expects the acceptance. */
    RawPeer associate(AAssociateRq rq) throws IOException {
        send(PduEncoder.encode(rq));
        Pdu answer = read();
        if (answer.type() != PduType.A_ASSOCIATE_AC) {
            throw new IOException("expected A-ASSOCIATE-AC, got " + PduType.name(answer.type()));
        }
        return this;
    }

    /** One P-DATA-TF with one PDV. */
    static byte[] pData(int pcid, boolean command, boolean last, byte[] value) {
        byte[] b = new byte[PduEncoder.P_DATA_HEADER_LENGTH + value.length];
        PduEncoder.pDataHeader(b, 0, pcid, command, last, value.length);
        System.arraycopy(value, 0, b, PduEncoder.P_DATA_HEADER_LENGTH, value.length);
        return b;
    }

    /** A whole command in one PDV. */
    RawPeer command(int pcid, CommandSet cmd) throws IOException {
        return send(pData(pcid, true, true, cmd.encode()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
