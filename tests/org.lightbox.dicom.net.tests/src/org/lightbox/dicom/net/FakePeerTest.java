package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
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

    static Pdu readPdu(InputStream in) throws IOException {
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

    static byte[] pdata(int pcid, int mch, byte[] data) {
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

            // unknown PDU type before association: Sta2 + Evt19 -> AA-1's transition, the A-ABORT says provider and why
            assertAbort(play(port, false, new byte[] { 0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0 }),
                    AAbort.SOURCE_SERVICE_PROVIDER, AAbort.REASON_UNRECOGNIZED_PDU);
            // P-DATA before A-ASSOCIATE-RQ: Sta2 + Evt10 -> AA-1, unexpected PDU
            assertAbort(play(port, false, pdata(1, 3, new byte[4])), AAbort.SOURCE_SERVICE_PROVIDER,
                    AAbort.REASON_UNEXPECTED_PDU);
            // A-ASSOCIATE-RQ with an item length running past the PDU
            byte[] bad = rq.clone();
            bad[76] = 0x7F;
            assertAbort(play(port, false, bad), AAbort.SOURCE_SERVICE_PROVIDER, -1);
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

    // ---------------------------------------------------------------- hand-made A-ASSOCIATE-RQs

    private static final String IVLE = "1.2.840.10008.1.2";

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A PDU item or sub-item: type, reserved, 2-byte length, value. */
    private static byte[] item(int type, byte[]... parts) {
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            value.writeBytes(p);
        }
        byte[] v = value.toByteArray();
        byte[] b = new byte[4 + v.length];
        b[0] = (byte) type;
        b[2] = (byte) (v.length >> 8);
        b[3] = (byte) v.length;
        System.arraycopy(v, 0, b, 4, v.length);
        return b;
    }

    private static byte[] context(int id, String abstractSyntax) {
        return item(0x20, new byte[] { (byte) id, 0, 0, 0 }, item(0x30, ascii(abstractSyntax)), item(0x40, ascii(IVLE)));
    }

    private static final byte[] APPLICATION_CONTEXT = item(0x10, ascii("1.2.840.10008.3.1.1.1"));
    private static final byte[] USER_INFORMATION = item(0x50, item(0x51, new byte[] { 0, 0, 0x40, 0 }));

    /** An A-ASSOCIATE-RQ as written by hand, including what our encoder would refuse to write. */
    private static byte[] rawRequest(int version, String calling, byte[]... items) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version);
        body.write(0);
        body.write(0);
        for (String ae : new String[] { "LIGHTBOX", calling }) {
            byte[] field = new byte[16];
            Arrays.fill(field, (byte) ' ');
            System.arraycopy(ascii(ae), 0, field, 0, ae.length());
            body.writeBytes(field);
        }
        body.writeBytes(new byte[32]);
        for (byte[] i : items) {
            body.writeBytes(i);
        }
        byte[] b = body.toByteArray();
        byte[] pdu = new byte[6 + b.length];
        pdu[0] = PduType.A_ASSOCIATE_RQ;
        pdu[2] = (byte) (b.length >> 24);
        pdu[3] = (byte) (b.length >> 16);
        pdu[4] = (byte) (b.length >> 8);
        pdu[5] = (byte) b.length;
        System.arraycopy(b, 0, pdu, 6, b.length);
        return pdu;
    }

    /**
     * Each connection that never becomes an association is answered as PS3.8 says (A-ABORT from the provider with
     * a reason; A-ASSOCIATE-RJ for an unknown protocol version) and told to the listeners exactly once, with the
     * peer's address and the reason: as failed, or as rejected.
     */
    @Test
    void brokenRequestsAreAnsweredByTheProviderAndEachIsToldOnce() throws Exception {
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults().withArtimTimeout(500))) {
            int port = scp.port();
            String verification = DicomServiceRegistry.VERIFICATION;
            // the hand-made request is a good one when nothing is broken
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(rawRequest(1, "FAKE", APPLICATION_CONTEXT, context(1, verification),
                        USER_INFORMATION));
                assertEquals(PduType.A_ASSOCIATE_AC, readPdu(s.getInputStream()).type());
            }
            record Case(String name, byte[] bytes, int reason, String said) {
            }
            List<Case> cases = List.of(
                    new Case("empty abstract syntax", rawRequest(1, "FAKE", APPLICATION_CONTEXT, context(1, ""),
                            USER_INFORMATION), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "abstract syntax"),
                    new Case("empty calling AE title", rawRequest(1, "", APPLICATION_CONTEXT, context(1, verification),
                            USER_INFORMATION), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "calling AE title"),
                    new Case("no presentation context", rawRequest(1, "FAKE", APPLICATION_CONTEXT, USER_INFORMATION),
                            AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "no presentation context"),
                    new Case("no user information", rawRequest(1, "FAKE", APPLICATION_CONTEXT,
                            context(1, verification)), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            "no user information"),
                    new Case("even context id", rawRequest(1, "FAKE", APPLICATION_CONTEXT, context(2, verification),
                            USER_INFORMATION), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            "even presentation context id"),
                    new Case("HTTP", ascii("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                            AAbort.REASON_UNRECOGNIZED_PDU, "unrecognized PDU type 0x47"),
                    new Case("P-DATA first", pdata(1, 3, new byte[4]), AAbort.REASON_UNEXPECTED_PDU,
                            "unexpected P-DATA-TF"));
            List<String> expected = new java.util.ArrayList<>();
            for (Case c : cases) {
                Pdu answer = play(port, false, c.bytes());
                assertEquals(PduType.A_ABORT, answer.type(), c.name());
                assertEquals(AAbort.SOURCE_SERVICE_PROVIDER, answer.body()[2], c.name() + ": abort source");
                assertEquals(c.reason(), answer.body()[3], c.name() + ": abort reason");
                expected.add(c.said());
                waitFor(() -> scp.failures.size() >= expected.size());
            }
            // a connection closed before any request, and one that stays silent past the ARTIM time
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
            }
            expected.add("connection closed before A-ASSOCIATE-RQ");
            waitFor(() -> scp.failures.size() >= expected.size());
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                assertClosed(s.getInputStream());
            }
            expected.add("ARTIM timer expired");
            waitFor(() -> scp.failures.size() >= expected.size());
            // protocol version 2 (bit 0 clear): the provider rejects it permanently (source 2, reason 2)
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(rawRequest(2, "FAKE", APPLICATION_CONTEXT, context(1, verification),
                        USER_INFORMATION));
                Pdu rj = readPdu(s.getInputStream());
                assertEquals(PduType.A_ASSOCIATE_RJ, rj.type());
                assertArrayEquals(new byte[] { 0, 1, 2, 2 }, rj.body());
            }
            waitFor(() -> scp.events.stream().anyMatch(e -> e.startsWith("rejected")));
            Thread.sleep(200); // a second report of any of them would come now
            assertEquals(expected.size(), scp.failures.size(), scp.failures.toString());
            for (int i = 0; i < expected.size(); i++) {
                String f = scp.failures.get(i);
                assertTrue(f.startsWith("127.0.0.1 ") && f.contains(expected.get(i)), expected.get(i) + ": " + f);
            }
            List<String> rejected = scp.events.stream().filter(e -> e.startsWith("rejected")).toList();
            assertEquals(1, rejected.size(), scp.events.toString());
            assertTrue(rejected.get(0).contains("protocol version not supported (protocol version 2)"),
                    rejected.get(0));
        }
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
