package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.DcmtkTool;

/**
 * Associations ending in the middle of a large transfer against dcmtk, from either side: storescu killed while our
 * SCP is still reading, and our SCU aborting while storescp receives. Each time the other side keeps serving and
 * no thread, connection or association is left behind.
 */
@Timeout(120)
class DcmtkAbortTest {
    static final String EVLE = "1.2.840.10008.1.2.1";

    @TempDir
    Path tmp;

    @Test
    void storescuKilledMidTransferLeavesOurScpServing() throws Exception {
        // 2048 x 2048 x 16 bits: an 8 MB data set, read slowly by the service so storescu is stopped half way
        Path big = DcmtkTool.image(tmp.resolve("in"), "big", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.13.1",
                2048, 2048, "+te");
        int threadsBefore = FakePeerTest.countThreads("test-scp-", "dicom-");
        AtomicLong received = new AtomicLong();
        CompletableFuture<Throwable> serviceOutcome = new CompletableFuture<>();
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(TestScp.CT, CommandField.C_STORE_RQ, rq -> {
                byte[] chunk = new byte[16 * 1024];
                try (InputStream in = rq.dataSet()) {
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        received.addAndGet(n);
                        Thread.sleep(5);
                    }
                    serviceOutcome.complete(null);
                } catch (IOException e) {
                    serviceOutcome.complete(e);
                    throw e;
                }
                rq.respond(Status.SUCCESS);
            });
            scp.start(ConnectionOptions.defaults());
            DcmtkTool.require("storescu");
            ProcessBuilder pb = new ProcessBuilder("storescu", "-aec", "LIGHTBOX", "127.0.0.1",
                    String.valueOf(scp.port()), big.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("storescu.log").toFile());
            pb.environment().put("TCP_NODELAY", "1");
            Process storescu = pb.start();
            try {
                FakePeerTest.waitFor(() -> received.get() > (1 << 20));
                assertTrue(received.get() > (1 << 20), "the service started receiving");
                storescu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } finally {
                storescu.destroyForcibly();
            }
            Throwable failure = serviceOutcome.get(30, TimeUnit.SECONDS);
            assertInstanceOf(AssociationAbortedException.class, failure, "the data set stream reports the lost peer");
            assertTrue(received.get() < Files.size(big), "the data set was cut short");
            scp.awaitEvents(2);
            assertTrue(scp.events.get(1).startsWith("aborted") && scp.events.get(1).contains("connection closed"),
                    scp.events.toString());

            // the node keeps serving
            Path log = tmp.resolve("echo.log");
            assertEquals(0, DcmtkTool.run(List.of("echoscu", "-aec", "LIGHTBOX", "127.0.0.1", String.valueOf(scp.port())),
                    log, 30), DcmtkTool.log(log));
            FakePeerTest.waitFor(() -> scp.server.openConnections() == 0);
            assertEquals(0, scp.server.openConnections(), "no connection left open");
            assertTrue(scp.server.activeAssociations().isEmpty(), "no association left active");
        }
        FakePeerTest.waitFor(() -> FakePeerTest.countThreads("test-scp-", "dicom-") <= threadsBefore);
        assertEquals(threadsBefore, FakePeerTest.countThreads("test-scp-", "dicom-"), "threads left behind");
    }

    @Test
    void ourScuAbortsWhileStorescpReceives() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        int port = DcmtkTool.freePort();
        Process scp = DcmtkTool.startServer(List.of("storescp", "-aet", "STORESCP", "-od", out.toString(),
                String.valueOf(port)), port, tmp.resolve("scp.log"));
        int threadsBefore = FakePeerTest.countThreads("dicom-");
        try {
            AAssociateRq rq = new AAssociateRq().calledAeTitle("STORESCP").callingAeTitle("LIGHTBOX");
            rq.addPresentationContext(TestScp.CT, EVLE);
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", port, rq);
            // 8 MB of data set; half way through, the application aborts the association
            AtomicReference<Association> self = new AtomicReference<>(as);
            DataWriter slow = (o, ts) -> {
                byte[] header = { (byte) 0xE0, 0x7F, 0x10, 0, 'O', 'W', 0, 0, 0, 0, (byte) 0x80, 0 };
                o.write(header); // (7FE0,0010) OW, 8 MB
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < (8 << 20); sent += chunk.length) {
                    if (sent == (4 << 20)) {
                        self.get().abort();
                    }
                    o.write(chunk);
                }
            };
            IOException e = assertThrows(IOException.class,
                    () -> as.store(StoreRequest.of(TestScp.CT, "1.2.826.0.1.3680043.10.1457.13.2", EVLE, slow)));
            assertTrue(e.getMessage().contains("abort"), e.getMessage());
            AssociationAbortedException ended = as.ended().get(30, TimeUnit.SECONDS);
            assertNotNull(ended, "the association ended by abort, not release");
            assertEquals(AAbort.byUser(), ended.abort());
            assertFalse(ended.byPeer());
            assertFalse(as.isOpen());

            // storescp keeps serving: a second association stores an image completely
            Path image = DcmtkTool.image(tmp.resolve("in"), "a", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.13.3",
                    64, 64, "+te");
            Association again = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", port, rq);
            assertTrue(again.store(StoreRequest.ofFile(image)).status().isSuccess());
            again.release();
            assertTrue(scp.isAlive(), DcmtkTool.log(tmp.resolve("scp.log")));
            try (var files = Files.list(out)) {
                assertEquals(1, files.count(), "only the complete image was stored: " + DcmtkTool.log(tmp.resolve("scp.log")));
            }
        } finally {
            DcmtkTool.stop(scp);
        }
        FakePeerTest.waitFor(() -> FakePeerTest.countThreads("dicom-") <= threadsBefore);
        assertEquals(threadsBefore, FakePeerTest.countThreads("dicom-"), "reading threads left behind");
    }
}
