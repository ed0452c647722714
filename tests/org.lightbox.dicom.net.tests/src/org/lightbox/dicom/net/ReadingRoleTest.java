package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * Who reads the responses: a blocking call reads its own on the calling thread, asynchronous calls leave them to
 * the association's reading thread, several threads can block on one association at once, and a blocking call made
 * from the reading turn itself fails at once instead of waiting forever.
 */
@Timeout(60)
class ReadingRoleTest {
    static final String FIND = DimseServicesTest.FIND;
    static final String EVLE = "1.2.840.10008.1.2.1";

    @TempDir
    Path tmp;

    private TestScp scpWithFind(int matches) {
        TestScp scp = new TestScp(tmp);
        scp.registry.register(FIND, CommandField.C_FIND_RQ, rq -> {
            byte[] keys = rq.dataSet().readAllBytes();
            for (int i = 0; i < matches; i++) {
                rq.respond(rq.newResponse(Status.PENDING), DataWriter.of(keys));
            }
            rq.respond(Status.SUCCESS);
        });
        return scp;
    }

    private static Association open(TestScp scp, String... sopClasses) throws IOException {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
        for (String s : sopClasses) {
            rq.addPresentationContext(s, EVLE);
        }
        return new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(), rq);
    }

    @Test
    void blockingCallReadsOnTheCallerAsynchronousOnTheReadingThread() throws Exception {
        try (TestScp scp = scpWithFind(200).start(ConnectionOptions.defaults())) {
            Association as = open(scp, FIND);
            Thread me = Thread.currentThread();
            List<Thread> readers = new CopyOnWriteArrayList<>();
            assertTrue(as.find(FIND, DataWriter.of(DimseServicesTest.KEYS), r -> readers.add(Thread.currentThread()))
                    .status().isSuccess());
            assertEquals(200, readers.size());
            // the reading thread may have taken the first response before the caller started to wait; no more
            assertTrue(readers.stream().filter(t -> t == me).count() >= 199, "pending responses read by " + readers);
            assertEquals(me, readers.get(199));

            readers.clear();
            DimseOperation op = as.findAsync(FIND, DataWriter.of(DimseServicesTest.KEYS),
                    r -> readers.add(Thread.currentThread()));
            assertTrue(op.future().get(30, TimeUnit.SECONDS).status().isSuccess());
            assertEquals(200, readers.size());
            assertFalse(readers.contains(me), "asynchronous responses are read by the association's thread");
            as.release();
        }
    }

    @Test
    void severalThreadsBlockOnOneAssociation() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (TestScp scp = new TestScp(out).start(ConnectionOptions.defaults())) {
            Association as = open(scp, TestScp.CT, DicomServiceRegistry.VERIFICATION);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 25; i++) {
                        byte[] ds = MessageFramingTest.pattern(1000 + 997 * i);
                        DimseResponse r = as.store(StoreRequest.of(TestScp.CT, "1.2.7." + thread + "." + i, EVLE,
                                DataWriter.of(ds)));
                        ok += r.status().isSuccess() && as.echo().isSuccess() ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(25, f.get(30, TimeUnit.SECONDS));
            }
            as.release();
            try (var files = Files.list(out)) {
                assertEquals(100, files.count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blockingCallFromTheReadingTurnFailsInsteadOfHanging() throws Exception {
        try (TestScp scp = scpWithFind(3).start(ConnectionOptions.defaults())) {
            Association as = open(scp, FIND, DicomServiceRegistry.VERIFICATION);
            List<RuntimeException> refused = new CopyOnWriteArrayList<>();
            DimseResponse fin = as.find(FIND, DataWriter.of(DimseServicesTest.KEYS), r -> {
                try {
                    as.echo(); // runs on the thread reading this very response
                } catch (IllegalStateException e) {
                    refused.add(e);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(fin.status().isSuccess());
            assertEquals(3, refused.size());
            assertTrue(refused.get(0).getMessage().contains("asynchronous"), refused.get(0).getMessage());
            assertTrue(as.echo().isSuccess(), "outside the callback the association works");
            as.release();
        }
    }
}
