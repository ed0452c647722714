package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduDecoder;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduType;
import org.lightbox.dicom.net.pdu.PresentationContextResult;

/**
 * How our SCU frames messages, seen byte by byte by a scripted acceptor: PDUs never exceed the peer's maximum and
 * are filled to it, the command and the first data fragment share a PDU, the last-fragment bits are right, and the
 * data set arrives intact, from memory and from a file.
 */
@Timeout(60)
class MessageFramingTest {
    static final String EVLE = "1.2.840.10008.1.2.1";

    @TempDir
    Path tmp;

    /** One presentation data value as it arrived. */
    record Pdv(int pcid, int control, byte[] data) {
        boolean command() {
            return (control & 1) != 0;
        }

        boolean last() {
            return (control & 2) != 0;
        }
    }

    /** The P-DATA-TF PDUs of one message: their lengths and values. */
    record Message(List<Integer> pduLengths, List<List<Pdv>> pdus) {
        List<Pdv> pdvs() {
            List<Pdv> all = new ArrayList<>();
            pdus.forEach(all::addAll);
            return all;
        }

        byte[] dataSet() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (Pdv p : pdvs()) {
                if (!p.command()) {
                    b.write(p.data(), 0, p.data().length);
                }
            }
            return b.toByteArray();
        }
    }

    /**
     * Accepts one association announcing {@code maxPdu}, records {@code messages} messages, answers each with a
     * success response, then completes the release.
     */
    static CompletableFuture<List<Message>> fakeAcceptor(ServerSocket ss, int maxPdu, int messages) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = ss.accept()) {
                s.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                byte[] rqBody = pdu(in, PduType.A_ASSOCIATE_RQ);
                AAssociateRq rq = PduDecoder.decodeAssociateRq(rqBody, rqBody.length, "fake");
                AAssociateAc ac = new AAssociateAc();
                ac.calledAeTitle(rq.calledAeTitle()).callingAeTitle(rq.callingAeTitle());
                ac.addPresentationContextResult(new PresentationContextResult(1, 0, EVLE));
                ac.userInformation().maxPduLength(maxPdu).implementationClassUid("1.2.3");
                out.write(PduEncoder.encode(ac));
                List<Message> got = new ArrayList<>();
                for (int m = 0; m < messages; m++) {
                    Message msg = new Message(new ArrayList<>(), new ArrayList<>());
                    ByteArrayOutputStream command = new ByteArrayOutputStream();
                    boolean commandDone = false;
                    boolean dataDone = false;
                    while (!(commandDone && dataDone)) {
                        byte[] body = pdu(in, PduType.P_DATA_TF);
                        msg.pduLengths().add(body.length);
                        List<Pdv> pdvs = new ArrayList<>();
                        for (int p = 0; p < body.length;) {
                            int len = ((body[p] & 0xFF) << 24) | ((body[p + 1] & 0xFF) << 16) | ((body[p + 2] & 0xFF) << 8)
                                    | (body[p + 3] & 0xFF);
                            Pdv v = new Pdv(body[p + 4] & 0xFF, body[p + 5] & 0xFF,
                                    java.util.Arrays.copyOfRange(body, p + 6, p + 4 + len));
                            pdvs.add(v);
                            if (v.command()) {
                                command.write(v.data(), 0, v.data().length);
                                if (v.last()) {
                                    commandDone = true;
                                    byte[] c = command.toByteArray();
                                    dataDone = !CommandSet.decode(c, 0, c.length, "fake").hasDataSet();
                                }
                            } else if (v.last()) {
                                dataDone = true;
                            }
                            p += 4 + len;
                        }
                        msg.pdus().add(pdvs);
                    }
                    got.add(msg);
                    byte[] c = command.toByteArray();
                    CommandSet req = CommandSet.decode(c, 0, c.length, "fake");
                    CommandSet rsp = CommandSet.response(req.commandField().response(), req.messageId(), 0);
                    rsp.setString(CommandTag.AffectedSOPClassUID, req.sopClassUid());
                    byte[] r = rsp.encode();
                    byte[] p = new byte[12 + r.length];
                    PduEncoder.pDataHeader(p, 0, 1, true, true, r.length);
                    System.arraycopy(r, 0, p, 12, r.length);
                    out.write(p);
                }
                pdu(in, PduType.A_RELEASE_RQ);
                out.write(PduEncoder.releaseRp());
                return got;
            } catch (IOException | RuntimeException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static byte[] pdu(DataInputStream in, int expectedType) throws IOException {
        int type = in.readUnsignedByte();
        in.readByte();
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        assertEquals(PduType.name(expectedType), PduType.name(type));
        return body;
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + (i >> 8));
        }
        return b;
    }

    private static List<Message> run(int maxPdu, List<DataWriter> dataSets) throws Exception {
        try (ServerSocket ss = new ServerSocket(0)) {
            CompletableFuture<List<Message>> fake = fakeAcceptor(ss, maxPdu, dataSets.size());
            AAssociateRq rq = new AAssociateRq().calledAeTitle("FAKE").callingAeTitle("LIGHTBOX");
            rq.addPresentationContext(TestScp.CT, EVLE);
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", ss.getLocalPort(), rq);
            int n = 0;
            for (DataWriter d : dataSets) {
                n++;
                assertTrue(as.store(StoreRequest.of(TestScp.CT, "1.2.3." + n, EVLE, d)).status().isSuccess());
            }
            as.release();
            return fake.get(30, TimeUnit.SECONDS);
        }
    }

    /** Every PDU within the peer's maximum, all but the last of a message filled to it, flags and data right. */
    private static void assertFramed(Message m, int maxPdu, byte[] expected) {
        List<Integer> lengths = m.pduLengths();
        for (int i = 0; i < lengths.size(); i++) {
            assertTrue(lengths.get(i) <= maxPdu, "PDU " + i + " of " + lengths.get(i) + " bytes exceeds " + maxPdu);
            if (i < lengths.size() - 1) {
                assertEquals(maxPdu, lengths.get(i), "PDU " + i + " not filled: " + lengths);
            }
        }
        List<Pdv> pdvs = m.pdvs();
        assertTrue(pdvs.get(0).command() && pdvs.get(0).last(), "one command fragment first");
        assertEquals(2, m.pdus().get(0).size(), "the first data fragment shares the command's PDU");
        for (int i = 1; i < pdvs.size(); i++) {
            assertTrue(!pdvs.get(i).command(), "data fragment " + i);
            assertEquals(i == pdvs.size() - 1, pdvs.get(i).last(), "last bit of data fragment " + i);
            assertEquals(1, pdvs.get(i).pcid());
        }
        assertArrayEquals(expected, m.dataSet());
    }

    @Test
    void dataSetsFromMemoryAtSeveralPeerMaxima() throws Exception {
        for (int maxPdu : new int[] { 4096, 16384, 131072 }) {
            byte[] small = pattern(100);
            byte[] large = pattern(300_000);
            List<Message> got = run(maxPdu, List.of(DataWriter.of(small), DataWriter.of(large)));
            assertEquals(1, got.get(0).pduLengths().size(), "a small message is a single PDU");
            assertFramed(got.get(0), maxPdu, small);
            assertFramed(got.get(1), maxPdu, large);
            assertEquals((300_000 + 200) / (maxPdu - 6) + 1, got.get(1).pduLengths().size(), 1.0,
                    "PDUs for 300 KB at " + maxPdu);
        }
    }

    @Test
    void fileRegionStreamsIntoTheSameFraming() throws Exception {
        byte[] content = pattern(700_000);
        Path f = tmp.resolve("region.bin");
        Files.write(f, content);
        // the region skips a 1000-byte "header" and stops 500 bytes before the end
        byte[] expected = java.util.Arrays.copyOfRange(content, 1000, content.length - 500);
        List<Message> got = run(16384, List.of(DataWriter.ofFile(f, 1000, expected.length)));
        assertFramed(got.get(0), 16384, expected);
    }

    @Test
    void echoWithoutDataSetIsOneCommandPdu() throws Exception {
        try (ServerSocket ss = new ServerSocket(0)) {
            CompletableFuture<List<Message>> fake = fakeAcceptor(ss, 16384, 1);
            AAssociateRq rq = new AAssociateRq().calledAeTitle("FAKE").callingAeTitle("LIGHTBOX");
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, EVLE);
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", ss.getLocalPort(), rq);
            assertTrue(as.echo().isSuccess());
            as.release();
            Message m = fake.get(30, TimeUnit.SECONDS).get(0);
            assertEquals(1, m.pdus().size());
            assertEquals(1, m.pdus().get(0).size());
            Pdv p = m.pdus().get(0).get(0);
            assertTrue(p.command() && p.last());
            assertEquals(CommandField.C_ECHO_RQ, CommandSet.decode(p.data(), 0, p.data().length, "t").commandField());
        }
    }

    @Test
    void aDataSetFailingBeforeAnythingWentOutLeavesTheAssociationUsable() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (TestScp scp = new TestScp(out).start(ConnectionOptions.defaults())) {
            AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
            rq.addPresentationContext(TestScp.CT, EVLE);
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, EVLE);
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(), rq);
            // 100 KB written, then the source fails: all of it was still in the batch buffer, none on the wire
            DataWriter early = (o, ts) -> {
                o.write(pattern(100_000));
                throw new IOException("source unreadable");
            };
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> as.store(StoreRequest.of(TestScp.CT, "1.2.8.1", EVLE, early)));
            assertEquals("source unreadable", e.getMessage());
            assertTrue(as.isOpen());
            assertTrue(as.echo().isSuccess());
            assertTrue(as.store(StoreRequest.of(TestScp.CT, "1.2.8.2", EVLE, DataWriter.of(pattern(5000)))).status()
                    .isSuccess());

            // 1 MB written, then the source fails: the peer already has part of it, so the association is aborted
            DataWriter late = (o, ts) -> {
                o.write(pattern(1 << 20));
                throw new IOException("source vanished");
            };
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> as.store(StoreRequest.of(TestScp.CT, "1.2.8.3", EVLE, late)));
            AssociationAbortedException end = as.ended().get(30, TimeUnit.SECONDS);
            assertTrue(end != null && end.getMessage().contains("only partly sent"), String.valueOf(end));
            scp.awaitEvents(2);
            assertTrue(scp.events.get(1).startsWith("aborted"), scp.events.toString());
            assertTrue(!Files.exists(out.resolve("1.2.8.1.dcm")), "the failed first message never reached the SCP");
            assertTrue(Files.exists(out.resolve("1.2.8.2.dcm")));
            // the SCP saw the third message start and break off (the test SCP keeps what it got)
            assertTrue(Files.size(out.resolve("1.2.8.3.dcm")) < (1 << 20), "partial data set");
        }
    }
}
