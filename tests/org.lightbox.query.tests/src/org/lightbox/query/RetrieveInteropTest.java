package org.lightbox.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.query.transfer.RetrieveJob;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.transfer.TransferQueueSettings;
import org.lightbox.dicom.net.NoPresentationContextException;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.testing.DcmtkTool;

/**
 * C-MOVE and C-GET from dcmqrscp: a study moved to our node and to a bit-preserving storescp, and got by C-GET into
 * a catalog, arrive with the data set dcmqrscp holds, byte for byte, at every level; progress is reported; a C-GET
 * can be cancelled; an unknown destination and a peer without C-GET fail clearly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class RetrieveInteropTest {
    private static final String STUDY1 = "1.2.826.0.1.3680043.9.7433.1.1";
    private static final String STUDY3 = "1.2.826.0.1.3680043.9.7433.1.3";

    private final QrCorpus corpus = new QrCorpus();
    private Path tmp;
    private QrPeer peer;
    private TestStorage node;
    private int storescpPort;
    private QueryRetrieveScu scu;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        NodeSettings n = new NodeSettings("LIGHTBOX", "127.0.0.1", DcmtkTool.freePort(), 16384, 10, true, false);
        node = TestStorage.node(new DeviceConfiguration("test", n, List.of(), StorageSettings.DEFAULTS),
                dir.resolve("node"));
        storescpPort = DcmtkTool.freePort();
        peer = new QrPeer(dir.resolve("qr"), Map.of("LIGHTBOX", n.port(), "STORESCP", storescpPort));
        peer.load(corpus.write(dir.resolve("src")));
        scu = new QueryRetrieveScu("LIGHTBOX", ConnectionOptions.defaults());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            peer.close();
        } finally {
            node.close();
        }
    }

    private Set<String> uids(List<QrCorpus.Instance> xs) {
        Set<String> s = new TreeSet<>();
        xs.forEach(x -> s.add(x.sopUid()));
        return s;
    }

    /** Each instance's data set bytes in a store equal those of the file dcmqrscp holds. */
    private void assertAsHeld(TestStorage where, Set<String> expected) throws Exception {
        Map<String, Path> held = peer.held();
        List<InstanceFile> files = where.storage.catalog().instances(expected);
        Map<String, Path> got = new TreeMap<>();
        for (InstanceFile f : files) {
            got.put(f.sopInstanceUid(), where.storage.fileStore().resolve(f.file()));
        }
        assertEquals(expected, got.keySet(), "catalogued");
        for (String iuid : expected) {
            assertArrayEquals(QrCorpus.dataSetBytes(held.get(iuid)), QrCorpus.dataSetBytes(got.get(iuid)),
                    iuid + " arrives as dcmqrscp holds it");
        }
    }

    private void awaitCatalogued(TestStorage where, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (where.storage.catalog().instances(expected).size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aStudyMovedToOurNodeLandsInItsCatalogAsHeld() throws Exception {
        List<RetrieveProgress> progress = new CopyOnWriteArrayList<>();
        RetrieveOutcome o = scu.move(peer.remote(), RetrieveRequest.studies(InformationModel.STUDY_ROOT, null,
                STUDY1), null, new RetrieveListener() {
                    @Override
                    public void progress(RetrieveProgress p) {
                        progress.add(p);
                    }
                }, null);
        assertTrue(o.complete(), o.describe());
        assertEquals(RetrieveMethod.MOVE, o.method());
        assertEquals(6, o.progress().completed());
        assertTrue(progress.size() >= 2, "pending responses reported: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i).completed() >= progress.get(i - 1).completed(), progress.toString());
        }
        Set<String> expected = uids(corpus.ofStudy(STUDY1));
        awaitCatalogued(node, expected);
        assertAsHeld(node, expected);
    }

    @Test
    void moveToAnotherDestinationIsByteIdenticalToo() throws Exception {
        Path out = tmp.resolve("storescp" + runs.incrementAndGet());
        Files.createDirectories(out);
        Process scp = DcmtkTool.startServer(List.of("storescp", "-aet", "STORESCP", "+B", "-od", out.toString(),
                Integer.toString(storescpPort)), storescpPort, tmp.resolve("storescp" + runs.get() + ".log"));
        try {
            RetrieveOutcome o = scu.move(peer.remote(), RetrieveRequest.series(InformationModel.PATIENT_ROOT,
                    "QR002", STUDY3, STUDY3 + ".2"), "STORESCP", null, null);
            assertTrue(o.complete(), o.describe());
            assertEquals(2, o.progress().completed());
        } finally {
            DcmtkTool.stop(scp);
        }
        Map<String, Path> held = peer.held();
        Map<String, Path> received = new TreeMap<>();
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                received.put(QrCorpus.sopInstanceUid(f), f);
            }
        }
        assertEquals(Set.of(STUDY3 + ".2.1", STUDY3 + ".2.2"), received.keySet());
        for (Map.Entry<String, Path> e : received.entrySet()) {
            assertArrayEquals(QrCorpus.dataSetBytes(held.get(e.getKey())), QrCorpus.dataSetBytes(e.getValue()),
                    e.getKey());
        }
    }

    @Test
    void getBringsAStudyIntoTheCatalogAsHeld() throws Exception {
        try (TestStorage store = TestStorage.open(tmp.resolve("get" + runs.incrementAndGet()),
                StorageSettings.DEFAULTS)) {
            List<StoredInstance> arrived = new CopyOnWriteArrayList<>();
            List<RetrieveProgress> progress = new CopyOnWriteArrayList<>();
            RetrieveOutcome o = scu.get(peer.remote(), RetrieveRequest.studies(InformationModel.PATIENT_ROOT,
                    "QR001", STUDY1), store.storage.fileStore(), new RetrieveListener() {
                        @Override
                        public void progress(RetrieveProgress p) {
                            progress.add(p);
                        }

                        @Override
                        public void received(StoredInstance s) {
                            arrived.add(s);
                        }
                    }, null);
            assertTrue(o.complete(), o.describe());
            assertEquals(RetrieveMethod.GET, o.method());
            assertEquals(6, o.progress().completed());
            assertEquals(6, o.progress().received());
            assertEquals(6, arrived.size());
            assertTrue(progress.stream().anyMatch(p -> p.remaining() > 0), "pending counts: " + progress);
            assertAsHeld(store, uids(corpus.ofStudy(STUDY1)));
        }
    }

    @Test
    void getAtEveryLevelAndByTheRemotesMethod() throws Exception {
        try (TestStorage store = TestStorage.open(tmp.resolve("get" + runs.incrementAndGet()),
                StorageSettings.DEFAULTS)) {
            var remote = peer.remote().withRetrieve(RetrieveMethod.GET);
            RetrieveOutcome patient = scu.retrieve(remote, RetrieveRequest.patients(InformationModel.PATIENT_ROOT,
                    "QR003"), store.storage.fileStore(), null, null);
            assertTrue(patient.complete(), patient.describe());
            assertEquals(RetrieveMethod.GET, patient.method());
            RetrieveOutcome series = scu.get(remote, RetrieveRequest.series(InformationModel.STUDY_ROOT, null,
                    STUDY3, STUDY3 + ".1"), store.storage.fileStore(), null, null);
            assertTrue(series.complete(), series.describe());
            RetrieveOutcome image = scu.get(remote, RetrieveRequest.instances(InformationModel.STUDY_ROOT, null,
                    STUDY1, STUDY1 + ".2", STUDY1 + ".2.1", STUDY1 + ".2.3"), store.storage.fileStore(), null, null);
            assertTrue(image.complete(), image.describe());
            Set<String> expected = new TreeSet<>(uids(corpus.instances.stream().filter(x -> x.patientId()
                    .equals("QR003") || x.seriesUid().equals(STUDY3 + ".1")).toList()));
            expected.add(STUDY1 + ".2.1");
            expected.add(STUDY1 + ".2.3");
            assertEquals(2 + 2 + 2, expected.size());
            assertAsHeld(store, expected);
        }
    }

    @Test
    void aGetCanBeCancelled() throws Exception {
        try (TestStorage store = TestStorage.open(tmp.resolve("get" + runs.incrementAndGet()),
                StorageSettings.DEFAULTS)) {
            Cancellation c = new Cancellation();
            RetrieveOutcome o = scu.get(peer.remote(), RetrieveRequest.studies(InformationModel.STUDY_ROOT, null,
                    STUDY1), store.storage.fileStore(), new RetrieveListener() {
                        @Override
                        public void progress(RetrieveProgress p) {
                            if (p.completed() >= 1) {
                                c.cancel();
                            }
                        }
                    }, c);
            assertTrue(o.cancelled());
            assertEquals(Status.CANCEL, o.status().code(), o.describe());
            assertTrue(o.progress().received() < 6, o.describe());
            assertFalse(o.complete());
            assertEquals(o.progress().received(), store.storage.catalog().instancesOfStudy(STUDY1).size(),
                    "what arrived is catalogued, nothing else");
        }
    }

    @Test
    void aQueuedRetrieveSurvivesItsPayloadAndLandsInTheCatalog() throws Exception {
        try (TestStorage store = TestStorage.open(tmp.resolve("get" + runs.incrementAndGet()),
                StorageSettings.DEFAULTS);
                TransferQueue queue = new TransferQueue(store.storage.fileStore(), TransferQueueSettings.defaults(
                        "retrieve-test", "LIGHTBOX").withPollInterval(java.time.Duration.ofMillis(100)))) {
            RetrieveJob job = new RetrieveJob(peer.remote().withRetrieve(RetrieveMethod.GET),
                    RetrieveRequest.series(InformationModel.STUDY_ROOT, null, STUDY1,
                            corpus.ofStudy(STUDY1).get(0).seriesUid()));
            RetrieveJob back = org.lightbox.query.internal.retrieve.RetrievePayload.decode(
                    org.lightbox.query.internal.retrieve.RetrievePayload.encode(job));
            assertEquals(job.describe(), back.describe(), "the payload keeps source, method, level and keys");
            assertEquals(job.request().identifier().getString(org.lightbox.dicom.core.Tag.SeriesInstanceUID),
                    back.request().identifier().getString(org.lightbox.dicom.core.Tag.SeriesInstanceUID));
            queue.start();
            long id = queue.submit(job);
            TransferJob done = queue.await(id, java.time.Duration.ofSeconds(60));
            assertEquals(org.lightbox.catalog.JobState.COMPLETED, done.state(), done.describe());
            Set<String> expected = new TreeSet<>();
            corpus.ofStudy(STUDY1).stream().filter(x -> x.seriesUid().equals(job.request().identifier()
                    .getString(org.lightbox.dicom.core.Tag.SeriesInstanceUID))).forEach(x -> expected.add(x.sopUid()));
            assertEquals(expected.size(), done.done(), done.describe());
            assertAsHeld(store, expected);
        }
    }

    @Test
    void aQueuedRetrieveFromAPeerThatIsDownWaitsToBeRetried() throws Exception {
        try (TestStorage store = TestStorage.open(tmp.resolve("get" + runs.incrementAndGet()),
                StorageSettings.DEFAULTS);
                TransferQueue queue = new TransferQueue(store.storage.fileStore(), TransferQueueSettings.defaults(
                        "retrieve-test", "LIGHTBOX").withPollInterval(java.time.Duration.ofMillis(100)))) {
            org.lightbox.config.RemoteAe down = new org.lightbox.config.RemoteAe("QRSCP", "127.0.0.1",
                    DcmtkTool.freePort(), false, "nobody listens").withRetrieve(RetrieveMethod.GET);
            queue.start();
            long id = queue.submit(new RetrieveJob(down, RetrieveRequest.studies(InformationModel.STUDY_ROOT, null,
                    STUDY1)));
            long deadline = System.nanoTime() + 20_000_000_000L;
            TransferJob j = queue.job(id).orElseThrow();
            while (j.error() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                j = queue.job(id).orElseThrow();
            }
            assertEquals(org.lightbox.catalog.JobState.PENDING, j.state(), j.describe());
            assertTrue(j.error() != null && !j.error().isEmpty(), "the failure is kept: " + j.describe());
        }
    }

    @Test
    void anUnknownMoveDestinationIsTheStatusNotAnException() throws Exception {
        RetrieveOutcome o = scu.move(peer.remote(), RetrieveRequest.studies(InformationModel.STUDY_ROOT, null,
                STUDY1), "NOWHERE", null, null);
        assertEquals(Status.MOVE_DESTINATION_UNKNOWN, o.status().code(), o.describe());
        assertFalse(o.complete());
    }

    @Test
    void aPeerWithoutGetIsNamed() throws Exception {
        try (QrPeer noGet = new QrPeer(tmp.resolve("qr-noget"), Map.of(), "--disable-get");
                TestStorage store = TestStorage.open(tmp.resolve("get" + runs.incrementAndGet()),
                        StorageSettings.DEFAULTS)) {
            IOException e = assertThrows(IOException.class, () -> scu.get(noGet.remote(), RetrieveRequest.studies(
                    InformationModel.STUDY_ROOT, null, STUDY1), store.storage.fileStore(), null, null));
            assertTrue(e instanceof NoPresentationContextException || e.getMessage().contains("SCP"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("1.2.840.10008.5.1.4.1.2.2.3") || e.getMessage().contains("role"),
                    e.getMessage());
        }
    }
}
