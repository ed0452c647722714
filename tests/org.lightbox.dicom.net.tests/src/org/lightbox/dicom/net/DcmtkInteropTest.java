package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.DcmtkTool;

/** Our SCU against dcmtk's SCPs and dcmtk's SCUs against an SCP assembled from the framework. */
@Timeout(120)
class DcmtkInteropTest {
    static final String IVLE = "1.2.840.10008.1.2";
    static final String EVLE = "1.2.840.10008.1.2.1";

    @TempDir
    Path tmp;

    /** The data set bytes of a Part 10 file (everything after the meta information). */
    static byte[] dataSet(Path file) throws Exception {
        StoreRequest s = StoreRequest.ofFile(file);
        byte[] all = Files.readAllBytes(file);
        long off = ((org.lightbox.dicom.net.dimse.DataWriter.FileRegion) s.data()).offset();
        return Arrays.copyOfRange(all, (int) off, all.length);
    }

    @Test
    void echoscuStorescuAndDcmsendAgainstFrameworkScp() throws Exception {
        Path in = tmp.resolve("in");
        Path a = DcmtkTool.image(in, "a", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.9.1", 64, 64, "+te");
        Path b = DcmtkTool.image(in, "b", "=SecondaryCaptureImageStorage", "1.2.826.0.1.3680043.10.1457.9.2", 32, 48, "+ti");
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (TestScp scp = new TestScp(out).start(ConnectionOptions.defaults())) {
            String port = String.valueOf(scp.port());
            assertEquals(0, DcmtkTool.run(List.of("echoscu", "-aec", "LIGHTBOX", "127.0.0.1", port), tmp.resolve("e.log"), 30),
                    DcmtkTool.log(tmp.resolve("e.log")));
            assertEquals(0, DcmtkTool.run(List.of("storescu", "-aec", "LIGHTBOX", "127.0.0.1", port, a.toString()),
                    tmp.resolve("s.log"), 30), DcmtkTool.log(tmp.resolve("s.log")));
            assertEquals(0, DcmtkTool.run(List.of("dcmsend", "-aec", "LIGHTBOX", "127.0.0.1", port, b.toString()),
                    tmp.resolve("d.log"), 30), DcmtkTool.log(tmp.resolve("d.log")));
            Path ra = out.resolve("1.2.826.0.1.3680043.10.1457.9.1.dcm");
            Path rb = out.resolve("1.2.826.0.1.3680043.10.1457.9.2.dcm");
            assertArrayEquals(dataSet(a), dataSet(ra), "CT data set arrives byte for byte");
            assertTrue(Files.size(rb) > 32 * 48 * 2);
            assertEquals(0, DcmtkTool.run(List.of("dcmdump", "-q", ra.toString()), tmp.resolve("dump.log"), 30),
                    DcmtkTool.log(tmp.resolve("dump.log")));
            scp.awaitEvents(6);
            assertEquals(3, scp.events.stream().filter(e -> e.startsWith("released")).count(), scp.events.toString());
        }
    }

    @Test
    void ourEchoAndStoreAgainstStorescp() throws Exception {
        Path in = tmp.resolve("in");
        Path a = DcmtkTool.image(in, "a", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.9.3", 64, 64, "+te");
        Path out = Files.createDirectories(tmp.resolve("out"));
        int port = DcmtkTool.freePort();
        Process p = DcmtkTool.startServer(List.of("storescp", "-aet", "STORESCP", "-od", out.toString(), "+B",
                String.valueOf(port)), port, tmp.resolve("scp.log"));
        try {
            AAssociateRq rq = new AAssociateRq().calledAeTitle("STORESCP").callingAeTitle("LIGHTBOX");
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IVLE);
            rq.addPresentationContext(TestScp.CT, EVLE, IVLE);
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", port, rq);
            assertTrue(as.echo().isSuccess());
            DimseResponse r = as.store(StoreRequest.ofFile(a));
            assertTrue(r.status().isSuccess(), r.toString());
            as.release();
            try (Stream<Path> files = Files.list(out)) {
                Path received = files.filter(f -> f.getFileName().toString().contains("1.2.826.0.1.3680043.10.1457.9.3"))
                        .findFirst().orElseThrow(() -> new AssertionError("storescp wrote nothing: " + DcmtkTool.log(tmp.resolve("scp.log"))));
                assertArrayEquals(dataSet(a), dataSet(received));
            }
        } finally {
            DcmtkTool.stop(p);
        }
    }

    @Test
    void unknownCallingAeIsRejectedWithItsReason() throws Exception {
        try (TestScp scp = new TestScp(tmp)) {
            scp.policy.callingAeTitles(List.of("KNOWN"));
            scp.start(ConnectionOptions.defaults());
            Path log = tmp.resolve("e.log");
            int rc = DcmtkTool.run(List.of("echoscu", "-aet", "STRANGER", "127.0.0.1", String.valueOf(scp.port())), log, 30);
            assertNotEquals(0, rc);
            assertTrue(DcmtkTool.log(log).contains("Calling AE Title Not Recognized"), DcmtkTool.log(log));
            assertEquals(0, DcmtkTool.run(List.of("echoscu", "-aet", "KNOWN", "127.0.0.1", String.valueOf(scp.port())),
                    tmp.resolve("k.log"), 30));
            scp.awaitEvents(3);
            assertTrue(scp.events.get(0).contains("calling AE title not recognized"), scp.events.toString());
        }
    }

    @Test
    void noCommonTransferSyntaxAndUnknownSopClass() throws Exception {
        Path a = DcmtkTool.image(tmp.resolve("in"), "a", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.9.4", 16, 16, "+te");
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
            rq.addPresentationContext(TestScp.CT, "1.2.840.10008.1.2.5"); // RLE only
            rq.addPresentationContext("1.2.840.10008.5.1.4.1.1.4", EVLE); // MR: not supported
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IVLE);
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(), rq);
            NoPresentationContextException e = assertThrows(NoPresentationContextException.class,
                    () -> as.store(StoreRequest.ofFile(a)));
            assertTrue(e.getMessage().contains("transfer syntaxes not supported"), e.getMessage());
            assertEquals("abstract syntax not supported", as.rejectionReason("1.2.840.10008.5.1.4.1.1.4"));
            assertTrue(as.echo().isSuccess(), "the association stays usable");
            as.release();
        }
        // storescu proposing implicit VR only, to a policy that takes explicit VR only: the context is refused
        try (TestScp scp = new TestScp(tmp)) {
            scp.policy.transferSyntaxOrder(List.of(EVLE));
            scp.start(ConnectionOptions.defaults());
            Path log = tmp.resolve("s.log");
            int rc = DcmtkTool.run(List.of("storescu", "-xi", "127.0.0.1", String.valueOf(scp.port()), a.toString()), log, 30);
            assertNotEquals(0, rc, DcmtkTool.log(log));
            assertTrue(DcmtkTool.log(log).toLowerCase().contains("no acceptable presentation context"), DcmtkTool.log(log));
        }
    }

    @Test
    void pduSizes16KbAgainst1Mb() throws Exception {
        Path a = DcmtkTool.image(tmp.resolve("in"), "a", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.9.5", 256, 256, "+te");
        // storescu offering 128 KB receive PDUs (dcmtk's ceiling), our SCP announcing 16 KB: every fragment fits 16 KB
        try (TestScp scp = new TestScp(Files.createDirectories(tmp.resolve("out"))).start(ConnectionOptions.defaults())) {
            Path log = tmp.resolve("s.log");
            assertEquals(0, DcmtkTool.run(List.of("storescu", "-pdu", "131072", "127.0.0.1", String.valueOf(scp.port()),
                    a.toString()), log, 30), DcmtkTool.log(log));
            assertTrue(scp.fragmentSizes.size() >= 8, "a 128 KB data set needs many 16 KB PDUs: " + scp.fragmentSizes);
            assertTrue(scp.fragmentSizes.stream().allMatch(n -> n <= 16384 - 6), scp.fragmentSizes.toString());
        }
        // storescp announcing 128 KB: our SCU sends 128 KB PDUs; storescp announcing 16 KB: we keep to 16 KB
        for (int pdu : new int[] { 131072, 16384 }) {
            int port = DcmtkTool.freePort();
            Process p = DcmtkTool.startServer(List.of("storescp", "-pdu", String.valueOf(pdu), "-od",
                    Files.createDirectories(tmp.resolve("scp" + pdu)).toString(), String.valueOf(port)), port,
                    tmp.resolve("scp" + pdu + ".log"));
            try {
                AAssociateRq rq = new AAssociateRq().calledAeTitle("ANY").callingAeTitle("LIGHTBOX");
                rq.addPresentationContext(TestScp.CT, EVLE);
                Association as = new Connector(ConnectionOptions.defaults().withMaxPduReceive(1 << 20))
                        .open("127.0.0.1", port, rq);
                assertEquals(pdu - 6, as.maxFragmentLength());
                assertTrue(as.store(StoreRequest.ofFile(a)).status().isSuccess());
                as.release();
            } finally {
                DcmtkTool.stop(p);
            }
        }
        // 1 MB against 16 KB between our own SCU and SCP, in both directions
        for (int[] sizes : new int[][] { { 1 << 20, 16384 }, { 16384, 1 << 20 } }) {
            try (TestScp scp = new TestScp(Files.createDirectories(tmp.resolve("own" + sizes[0])))
                    .start(ConnectionOptions.defaults().withMaxPduReceive(sizes[1]))) {
                AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
                rq.addPresentationContext(TestScp.CT, EVLE);
                Association as = new Connector(ConnectionOptions.defaults().withMaxPduReceive(sizes[0]))
                        .open("127.0.0.1", scp.port(), rq);
                assertEquals(sizes[1] - 6, as.maxFragmentLength());
                assertTrue(as.store(StoreRequest.ofFile(a)).status().isSuccess());
                as.release();
                long max = scp.fragmentSizes.stream().mapToLong(Long::longValue).max().orElse(0);
                assertEquals(Math.min(sizes[1] - 6, dataSet(a).length), max, "largest fragment received");
            }
        }
    }
}
