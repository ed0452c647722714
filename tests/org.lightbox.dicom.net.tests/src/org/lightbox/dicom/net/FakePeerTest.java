package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduDecoder;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduType;
import org.lightbox.dicom.net.pdu.PresentationContextResult;

/** A scripted peer speaking raw bytes: hostile input gets a clean A-ABORT and the acceptor keeps serving. */
@Timeout(60)
class FakePeerTest {
    @TempDir
    Path tmp;

    private static AAssociateRq echoRq() {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("FAKE");
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, "1.2.840.10008.1.2");
        rq.userInformation().maxPduLength(16384).implementationClassUid("1.2.3");
        return rq;
    }

    /** One PDU read by the fake: type and body. */
    record Pdu(int type, byte[] body) {
    }

    private static Pdu readPdu(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int type = d.read();
        if (type < 0) {
            throw new EOFException();
        }
        d.readByte();
        int len = d.readInt();
        byte[] body = new byte[len];
        d.readFully(body);
        return new Pdu(type, body);
    }

    private static void assertClosed(InputStream in) throws IOException {
        assertEquals(-1, in.read(), "the acceptor closes the connection after the abort");
    }

    private static byte[] pdata(int pcid, int mch, byte[] data) {
        byte[] b = new byte[12 + data.length];
        PduEncoder.pDataHeader(b, 0, pcid, (mch & 1) != 0, (mch & 2) != 0, data.length);
        System.arraycopy(data, 0, b, 12, data.length);
        return b;
    }

    /** Connects, optionally associates, sends {@code script} and returns the PDU the acceptor answers with. */
    private static Pdu play(int port, boolean associate, byte[]... script) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (associate) {
                out.write(PduEncoder.encode(echoRq()));
                assertEquals(PduType.A_ASSOCIATE_AC, readPdu(in).type());
            }
            for (byte[] b : script) {
                out.write(b);
            }
            out.flush();
            Pdu answer = readPdu(in);
            assertClosed(in);
            return answer;
        }
    }

    private static void assertAbort(Pdu p, int source, int reason) {
        assertEquals(PduType.A_ABORT, p.type(), "expected A-ABORT, got " + PduType.name(p.type()));
        assertEquals(source, p.body()[2], "abort source");
        if (reason >= 0) {
            assertEquals(reason, p.body()[3], "abort reason");
        }
    }

    @Test
    void hostilePduSequencesAreAbortedAndTheAcceptorKeepsServing() throws Exception {
        int threadsBefore = countThreads("test-scp-", "dicom-");
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults().withArtimTimeout(500))) {
            int port = scp.port();
            byte[] rq = PduEncoder.encode(echoRq());

            // unknown PDU type before association: Sta2 + Evt19 -> AA-1 (service-user source)
            assertAbort(play(port, false, new byte[] { 0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0 }), AAbort.SOURCE_SERVICE_USER, -1);
            // P-DATA before A-ASSOCIATE-RQ: Sta2 + Evt10 -> AA-1
            assertAbort(play(port, false, pdata(1, 3, new byte[4])), AAbort.SOURCE_SERVICE_USER, -1);
            // A-ASSOCIATE-RQ with an item length running past the PDU
            byte[] bad = rq.clone();
            bad[76] = 0x7F;
            assertAbort(play(port, false, bad), AAbort.SOURCE_SERVICE_USER, -1);
            // oversized P-DATA (2 GB claimed) on an established association: AA-8, provider, invalid parameter
            assertAbort(play(port, true, new byte[] { 4, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0 }),
                    AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            // a second A-ASSOCIATE-RQ in Sta6: unexpected PDU
            assertAbort(play(port, true, rq), AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_UNEXPECTED_PDU);
            // A-RELEASE-RP without a release request
            assertAbort(play(port, true, PduEncoder.releaseRp()), AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_UNEXPECTED_PDU);
            // data fragment without a command
            assertAbort(play(port, true, pdata(1, 2, new byte[8])), AAbort.SOURCE_SERVICE_PROVIDER, -1);
            // PDV on a presentation context that was never accepted
            assertAbort(play(port, true, pdata(7, 3, new byte[8])), AAbort.SOURCE_SERVICE_PROVIDER, -1);
            // PDV whose length overruns its PDU
            byte[] overrun = pdata(1, 3, new byte[8]);
            overrun[9] = 100;
            assertAbort(play(port, true, overrun), AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
            // a command set of garbage
            assertAbort(play(port, true, pdata(1, 3, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })),
                    AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);

            // truncated PDU, then the fake hangs up: no answer, no hang
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(Arrays.copyOf(rq, 20));
            }
            // a silent peer: the ARTIM timer (500 ms) closes the connection
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                assertClosed(s.getInputStream());
            }

            // after all that, a well-behaved association still works
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", port, echoRq());
            assertTrue(as.echo().isSuccess());
            as.release();
            waitFor(() -> scp.server.openConnections() == 0);
            assertEquals(0, scp.server.openConnections(), "no connection left open");
        }
        waitFor(() -> countThreads("test-scp-", "dicom-") <= threadsBefore);
        assertEquals(threadsBefore, countThreads("test-scp-", "dicom-"), "threads left behind");
    }

    @Test
    void releaseCollisionAsRequestor() throws Exception {
        try (ServerSocket ss = new ServerSocket(0)) {
            CompletableFuture<String> fake = CompletableFuture.supplyAsync(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    Pdu rq = readPdu(in);
                    AAssociateRq req = PduDecoder.decodeAssociateRq(rq.body(), rq.body().length, "fake");
                    AAssociateAc ac = new AAssociateAc();
                    ac.calledAeTitle(req.calledAeTitle()).callingAeTitle(req.callingAeTitle());
                    ac.addPresentationContextResult(new PresentationContextResult(1, 0, "1.2.840.10008.1.2"));
                    ac.userInformation().maxPduLength(16384);
                    out.write(PduEncoder.encode(ac));
                    StringBuilder seen = new StringBuilder();
                    seen.append(PduType.name(readPdu(in).type())); // their A-RELEASE-RQ
                    out.write(PduEncoder.releaseRq()); // ours crosses it: collision
                    seen.append(' ').append(PduType.name(readPdu(in).type())); // requestor answers first (AR-9)
                    out.write(PduEncoder.releaseRp());
                    seen.append(' ').append(in.read() < 0 ? "closed" : "open");
                    return seen.toString();
                } catch (IOException e) {
                    return e.toString();
                }
            });
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", ss.getLocalPort(), echoRq());
            as.release();
            assertEquals("A-RELEASE-RQ A-RELEASE-RP closed", fake.get());
            assertTrue(as.ended().get() == null, "ended by release, not abort");
        }
    }

    @Test
    void abortFromThePeerCarriesSourceAndReason() throws Exception {
        try (ServerSocket ss = new ServerSocket(0)) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = ss.accept()) {
                    readPdu(s.getInputStream());
                    AAssociateAc ac = new AAssociateAc();
                    ac.calledAeTitle("LIGHTBOX").callingAeTitle("FAKE");
                    ac.addPresentationContextResult(new PresentationContextResult(1, 0, "1.2.840.10008.1.2"));
                    s.getOutputStream().write(PduEncoder.encode(ac));
                    readPdu(s.getInputStream()); // the C-ECHO command
                    s.getOutputStream().write(PduEncoder.encode(AAbort.byProvider(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER)));
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the test asserts on the requestor's side
                }
            });
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", ss.getLocalPort(), echoRq());
            AssociationAbortedException e = org.junit.jupiter.api.Assertions.assertThrows(AssociationAbortedException.class,
                    as::echo);
            assertTrue(e.byPeer());
            assertEquals(AAbort.byProvider(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER), e.abort());
            assertTrue(e.getMessage().contains("unrecognized PDU parameter"), e.getMessage());
        }
    }

    @Test
    void commandOnUnsupportedSopClassIsAnsweredNotAborted() throws Exception {
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(), echoRq());
            // an N-GET on the verification context: no service, so a failure status comes back
            CommandSet c = CommandSet.request(CommandField.N_GET_RQ, as.nextMessageId());
            c.setString(CommandTag.RequestedSOPClassUID, DicomServiceRegistry.VERIFICATION);
            c.setString(CommandTag.RequestedSOPInstanceUID, "1.2.3");
            assertEquals(0x0118, as.invoke(1, c, null, null).await().status().code());
            assertTrue(as.echo().isSuccess());
            as.release();
        }
    }

    static int countThreads(String... prefixes) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) {
                if (t.isAlive() && t.getName().startsWith(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
