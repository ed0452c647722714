package org.lightbox.dicom.net;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRj;

/** An SCP assembled from the framework for tests: verification plus storage into a folder, and an event log. */
final class TestScp implements AutoCloseable {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String SC = "1.2.840.10008.5.1.4.1.1.7";

    final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-scp-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    static final AtomicLong THREADS = new AtomicLong();
    final DicomServiceRegistry registry = new DicomServiceRegistry().withVerification();
    final AcceptorPolicy policy = new AcceptorPolicy();
    final List<String> events = new CopyOnWriteArrayList<>();
    /** Connections that never became an association: "peer-address cause". */
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<Long> fragmentSizes = new CopyOnWriteArrayList<>();
    final Path dir;
    DicomServer server;

    TestScp(Path dir) {
        this.dir = dir;
        registry.register(List.of(CT, SC), CommandField.C_STORE_RQ, this::store);
    }

    /** Writes a Part 10 file: meta information, then the data set bytes exactly as they arrive. */
    void store(DimseRequest rq) throws IOException {
        String iuid = rq.command().sopInstanceUid();
        Path f = dir.resolve(iuid + ".dcm");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            DicomWriter w = new DicomWriter(out);
            w.writeFileMetaInformation(FileMetaInformation.create(rq.command().sopClassUid(), iuid, rq.transferSyntax()));
            w.flush();
            rq.dataSet().transferTo(out);
        }
        rq.respond(Status.SUCCESS);
    }

    TestScp start(ConnectionOptions options) throws IOException {
        policy.addSopClasses(registry.sopClasses());
        server = new DicomServer(options, policy, registry, executor);
        server.addListener(new AssociationListener() {
            @Override
            public void accepted(Association a) {
                events.add("accepted " + a.callingAeTitle());
            }

            @Override
            public void rejected(Association a, AAssociateRj rj) {
                events.add("rejected " + rj.describe() + (a.rejectionDetail() == null ? ""
                        : " (" + a.rejectionDetail() + ")"));
            }

            @Override
            public void failed(Association a, IOException cause) {
                failures.add(a.remoteAddress().getAddress().getHostAddress() + " " + cause.getMessage());
            }

            @Override
            public void released(Association a) {
                events.add("released " + a.callingAeTitle());
            }

            @Override
            public void aborted(Association a, AssociationAbortedException e) {
                events.add("aborted " + e.getMessage());
            }

            private long last;

            @Override
            public void progress(Association a, MessageProgress p) {
                if (!p.outgoing() && !p.complete()) {
                    fragmentSizes.add(p.bytes() - (p.bytes() < last ? 0 : last));
                    last = p.bytes();
                }
                if (p.complete()) {
                    last = 0;
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        return this;
    }

    int port() {
        return server.port();
    }

    /** Waits until {@code n} events are recorded (associations end asynchronously). */
    void awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
