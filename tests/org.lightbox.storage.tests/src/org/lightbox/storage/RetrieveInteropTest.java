package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.DcmtkTool;
import org.lightbox.testing.TlsKeys;

/**
 * movescu and getscu against the node: C-MOVE to storescp destinations from the remote AE table at every level
 * and both roots, a destination that refuses a transfer syntax, an unknown destination, and C-GET with role
 * selection. Instances arrive as stored, byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class RetrieveInteropTest {

    private Path tmp;
    private TestNodes.Running node;
    private int storescpPort;
    private int pickyPort;
    private int securePort;
    private TlsKeys keys;
    private final AtomicInteger runs = new AtomicInteger();
    /** SOP Instance UID -> study, series */
    private final Map<String, String[]> stored = new LinkedHashMap<>();
    private static final String JPEG_UID = "1.8.1.1.9";

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        tmp = dir;
        storescpPort = DcmtkTool.freePort();
        pickyPort = DcmtkTool.freePort();
        securePort = DcmtkTool.freePort();
        keys = TlsKeys.create(tmp.resolve("keys"));
        // the node calls the SECURE destination over TLS with the "client" key; the other two in the clear
        node = TestNodes.start(TestNodes.config("LIGHTBOX", new RemoteAe("STORESCP", "127.0.0.1", storescpPort, false,
                "accepts everything"), new RemoteAe("PICKY", "127.0.0.1", pickyPort, false, "uncompressed only"),
                new RemoteAe("SECURE", "127.0.0.1", securePort, true, "TLS only")).withTls(new TlsSettings(
                        keys.keyStore("client").toString(), TlsKeys.PASSWORD, keys.trustStore().toString(),
                        TlsKeys.PASSWORD)), tmp.resolve("node"));
        AAssociateRq rq = new AAssociateRq().calledAeTitle(node.aet()).callingAeTitle("LOADER");
        for (String cuid : List.of(UID.CTImageStorage, UID.MRImageStorage)) {
            for (String ts : List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.JPEGLosslessSV1)) {
                rq.addPresentationContext(cuid, ts);
            }
        }
        Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", node.port(), rq);
        send(a, UID.CTImageStorage, "R1", "1.8.1", "1.8.1.1", "1.8.1.1.1", UID.ExplicitVRLittleEndian);
        send(a, UID.CTImageStorage, "R1", "1.8.1", "1.8.1.1", "1.8.1.1.2", UID.ExplicitVRLittleEndian);
        send(a, UID.CTImageStorage, "R1", "1.8.1", "1.8.1.1", "1.8.1.1.3", UID.ExplicitVRLittleEndian);
        send(a, UID.MRImageStorage, "R1", "1.8.1", "1.8.1.2", "1.8.1.2.1", UID.ImplicitVRLittleEndian);
        send(a, UID.MRImageStorage, "R1", "1.8.1", "1.8.1.2", "1.8.1.2.2", UID.ImplicitVRLittleEndian);
        send(a, UID.CTImageStorage, "R1", "1.8.1", "1.8.1.1", JPEG_UID, UID.JPEGLosslessSV1);
        send(a, UID.CTImageStorage, "R2", "1.8.2", "1.8.2.1", "1.8.2.1.1", UID.ExplicitVRLittleEndian);
        send(a, UID.CTImageStorage, "R2", "1.8.2", "1.8.2.1", "1.8.2.1.2", UID.ExplicitVRLittleEndian);
        a.release();
    }

    private void send(Association a, String cuid, String pid, String study, String series, String iuid, String ts)
            throws Exception {
        Attributes ds = TestCorpus.image(cuid, pid, "Retrieve^" + pid, study, series, iuid, "20240401",
                cuid.equals(UID.MRImageStorage) ? "MR" : "CT", 32, 32);
        byte[] data;
        if (ts.equals(UID.JPEGLosslessSV1)) {
            Path plain = TestCorpus.write(tmp.resolve("src/" + iuid + ".dcm"), ds, UID.ExplicitVRLittleEndian);
            data = TestCorpus.dataSetBytes(TestCorpus.jpeg(plain, tmp.resolve("src/" + iuid + ".jpg.dcm"), "+e1"));
        } else {
            data = StoreScpTest.encode(ds, ts);
        }
        assertTrue(a.store(org.lightbox.dicom.net.StoreRequest.of(cuid, iuid, ts,
                org.lightbox.dicom.net.dimse.DataWriter.of(data))).status().isSuccess(), iuid);
        stored.put(iuid, new String[] { study, series });
    }

    @AfterAll
    void close() throws IOException {
        node.close();
    }

    /** A storescp destination writing exactly what it receives; returns the received files by SOP Instance UID. */
    private final class Destination implements AutoCloseable {
        final Path dir;
        final Process process;

        Destination(String aet, int port, boolean acceptAll) throws Exception {
            this(aet, port, acceptAll, List.of());
        }

        Destination(String aet, int port, boolean acceptAll, List<String> tls) throws Exception {
            dir = tmp.resolve("dest" + runs.incrementAndGet());
            Files.createDirectories(dir);
            List<String> cmd = new ArrayList<>(List.of("storescp", "-aet", aet, "+B", "-od", dir.toString()));
            cmd.addAll(tls);
            if (acceptAll) {
                cmd.add("+xa");
            }
            cmd.add(Integer.toString(port));
            process = DcmtkTool.startServer(cmd, port, tmp.resolve("storescp" + runs.get() + ".log"));
        }

        Map<String, Path> received() throws IOException {
            Map<String, Path> out = new LinkedHashMap<>();
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    out.put(TestCorpus.meta(f).getString(Tag.MediaStorageSOPInstanceUID), f);
                }
            }
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            DcmtkTool.stop(process);
        }
    }

    private void movescu(String model, String destination, String... keys) throws Exception {
        movescu(0, model, destination, keys);
    }

    /** Runs movescu, which exits with 68 after a warning and 69 after a refusal. */
    private void movescu(int exit, String model, String destination, String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("movescu", model, "-aet", "MOVESCU", "-aec", node.aet(), "-aem",
                destination));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(node.port()));
        Path log = tmp.resolve("movescu" + runs.incrementAndGet() + ".log");
        assertEquals(exit, DcmtkTool.run(cmd, log, 120), DcmtkTool.log(log));
    }

    private NodeEvent.RetrieveCompleted lastRetrieve(int before) throws InterruptedException {
        node.await(NodeEvent.RetrieveCompleted.class, e -> true);
        long deadline = System.currentTimeMillis() + 20_000;
        while (node.events(NodeEvent.RetrieveCompleted.class).size() <= before
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<NodeEvent.RetrieveCompleted> all = node.events(NodeEvent.RetrieveCompleted.class);
        assertTrue(all.size() > before, "a retrieve completed");
        return all.get(all.size() - 1);
    }

    private void assertAsStored(Map<String, Path> received, Set<String> expected) throws Exception {
        assertEquals(expected, new TreeSet<>(received.keySet()));
        for (String iuid : expected) {
            List<InstanceFile> f = node.storage.catalog().instances(List.of(iuid));
            byte[] mine = TestCorpus.dataSetBytes(node.storage.fileStore().resolve(f.get(0).file()));
            assertArrayEquals(mine, TestCorpus.dataSetBytes(received.get(iuid)), iuid + " arrives as stored");
            assertEquals(f.get(0).file().transferSyntaxUid(),
                    TestCorpus.meta(received.get(iuid)).getString(Tag.TransferSyntaxUID), iuid);
        }
    }

    private Set<String> ofStudy(String study) {
        Set<String> out = new TreeSet<>();
        stored.forEach((k, v) -> {
            if (v[0].equals(study)) {
                out.add(k);
            }
        });
        return out;
    }

    @Test
    void moveStudyRootStudyLevel() throws Exception {
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        try (Destination d = new Destination("STORESCP", storescpPort, true)) {
            movescu("-S", "STORESCP", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.8.1");
            NodeEvent.RetrieveCompleted done = lastRetrieve(before);
            assertEquals(6, done.completed());
            assertEquals(0, done.failed());
            assertEquals(0, done.status());
            assertAsStored(d.received(), ofStudy("1.8.1"));
        }
        assertTrue(node.storage.catalog().activityLog().sends(null, null, 0).stream()
                .anyMatch(s -> s.studyUid().equals("1.8.1") && s.instances() == 6 && s.destinationAet()
                        .equals("STORESCP")), "the send log has the study");
        assertTrue(!node.storage.catalog().isPinned("1.8.1"), "unpinned after the move");
        List<AssociationEvent> toStorescp = outbound("STORESCP");
        for (AssociationEvent.Outcome o : List.of(AssociationEvent.Outcome.ACCEPTED,
                AssociationEvent.Outcome.RELEASED)) {
            assertTrue(toStorescp.stream().anyMatch(e -> e.outcome() == o && "LIGHTBOX".equals(e.callingAet())
                    && "127.0.0.1".equals(e.remoteHost()) && e.remotePort() == storescpPort),
                    "the sub-operations' association is logged " + o + ": " + toStorescp);
        }
    }

    /** The association log's OUTBOUND lines to {@code calledAet}. */
    private List<AssociationEvent> outbound(String calledAet) throws Exception {
        return node.storage.catalog().activityLog().associations(null, null, 0).stream()
                .filter(e -> e.direction() == AssociationEvent.Direction.OUTBOUND && calledAet.equals(e.calledAet()))
                .toList();
    }

    @Test
    void aDestinationThatIsDownIsLoggedAsAFailedAssociation() throws Exception {
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        int linesBefore = outbound("PICKY").size();
        movescu(69, "-S", "PICKY", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.8.2"); // nobody listens
        NodeEvent.RetrieveCompleted done = lastRetrieve(before);
        assertEquals(0, done.completed());
        List<AssociationEvent> lines = outbound("PICKY");
        assertEquals(linesBefore + 1, lines.size(), lines.toString());
        AssociationEvent failed = lines.get(0); // newest first
        assertEquals(AssociationEvent.Outcome.FAILED, failed.outcome());
        assertEquals("LIGHTBOX", failed.callingAet());
        assertEquals(pickyPort, failed.remotePort());
        assertTrue(failed.detail() != null && failed.detail().contains("cannot connect"), failed.detail());
        assertTrue(node.events(NodeEvent.AssociationEnded.class).stream().anyMatch(e -> e.peer().outbound()
                && !e.released() && "PICKY".equals(e.peer().calledAet()) && e.peer().remotePort() == pickyPort),
                "the node's listeners hear of it (the Activity view follows)");
    }

    @Test
    void aDestinationMarkedTlsIsCalledOverTls() throws Exception {
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        // storescp only speaks TLS here, and only to a client whose certificate it trusts
        try (Destination d = new Destination("SECURE", securePort, true, keys.dcmtkOptions("server", "client"))) {
            movescu("-S", "SECURE", "QueryRetrieveLevel=SERIES", "StudyInstanceUID=1.8.2",
                    "SeriesInstanceUID=1.8.2.1");
            NodeEvent.RetrieveCompleted done = lastRetrieve(before);
            assertEquals(2, done.completed(), "both instances went over TLS");
            assertEquals(0, done.failed());
            assertAsStored(d.received(), Set.of("1.8.2.1.1", "1.8.2.1.2"));
        }
    }

    @Test
    void movePatientRootSeriesAndImageLevels() throws Exception {
        try (Destination d = new Destination("STORESCP", storescpPort, true)) {
            movescu("-P", "STORESCP", "QueryRetrieveLevel=SERIES", "PatientID=R1", "StudyInstanceUID=1.8.1",
                    "SeriesInstanceUID=1.8.1.2");
            assertAsStored(d.received(), Set.of("1.8.1.2.1", "1.8.1.2.2"));
        }
        try (Destination d = new Destination("STORESCP", storescpPort, true)) {
            movescu("-P", "STORESCP", "QueryRetrieveLevel=IMAGE", "PatientID=R2", "StudyInstanceUID=1.8.2",
                    "SeriesInstanceUID=1.8.2.1", "SOPInstanceUID=1.8.2.1.2\\1.8.2.1.1");
            assertAsStored(d.received(), Set.of("1.8.2.1.1", "1.8.2.1.2"));
        }
        try (Destination d = new Destination("STORESCP", storescpPort, true)) {
            movescu("-P", "STORESCP", "QueryRetrieveLevel=PATIENT", "PatientID=R2");
            assertAsStored(d.received(), ofStudy("1.8.2"));
        }
    }

    @Test
    void aDestinationThatRefusesASyntaxGetsTheRestAndTheFailureIsListed() throws Exception {
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        try (Destination d = new Destination("PICKY", pickyPort, false)) {
            movescu(68, "-S", "PICKY", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.8.1");
            NodeEvent.RetrieveCompleted done = lastRetrieve(before);
            assertEquals(0xB000, done.status());
            assertEquals(List.of(JPEG_UID), done.failedInstances());
            assertEquals(5, done.completed());
            Set<String> expected = new TreeSet<>(ofStudy("1.8.1"));
            expected.remove(JPEG_UID);
            assertEquals(expected, new TreeSet<>(d.received().keySet()));
        }
    }

    @Test
    void aStoredFileCutShortFailsItsSubOperationInsteadOfGoingOutIncomplete() throws Exception {
        AAssociateRq rq = new AAssociateRq().calledAeTitle(node.aet()).callingAeTitle("LOADER");
        rq.addPresentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian);
        Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", node.port(), rq);
        send(a, UID.CTImageStorage, "R9", "1.8.9", "1.8.9.1", "1.8.9.1.1", UID.ExplicitVRLittleEndian);
        send(a, UID.CTImageStorage, "R9", "1.8.9", "1.8.9.1", "1.8.9.1.2", UID.ExplicitVRLittleEndian);
        a.release();
        // a disk fault (or a person) cuts one file short: the catalog still has its full size
        Path damaged = node.storage.fileStore().resolve(node.storage.catalog().instances(List.of("1.8.9.1.2"))
                .get(0).file());
        long size = Files.size(damaged);
        try (var ch = java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 12 - 32 * 32 * 2); // without its pixel data element: still a well-formed data set
        }
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        try (Destination d = new Destination("STORESCP", storescpPort, true)) {
            movescu(68, "-S", "STORESCP", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.8.9");
            NodeEvent.RetrieveCompleted done = lastRetrieve(before);
            assertEquals(0xB000, done.status());
            assertEquals(1, done.completed());
            assertEquals(List.of("1.8.9.1.2"), done.failedInstances());
            assertEquals(Set.of("1.8.9.1.1"), d.received().keySet(), "only the whole file went out");
        }
    }

    @Test
    void unknownDestinationIsRefused() throws Exception {
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        movescu(69, "-S", "NOWHERE", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.8.1");
        NodeEvent.RetrieveCompleted done = lastRetrieve(before);
        assertEquals(0xA801, done.status());
        assertEquals(0, done.completed());
    }

    @Test
    void getWithRoleSelection() throws Exception {
        Path out = tmp.resolve("get" + runs.incrementAndGet());
        Files.createDirectories(out);
        int before = node.events(NodeEvent.RetrieveCompleted.class).size();
        Path log = tmp.resolve("getscu" + runs.get() + ".log");
        assertEquals(0, DcmtkTool.run(List.of("getscu", "-S", "-aet", "GETSCU", "-aec", node.aet(), "-od",
                out.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.8.2", "127.0.0.1",
                Integer.toString(node.port())), log, 120), DcmtkTool.log(log));
        NodeEvent.RetrieveCompleted done = lastRetrieve(before);
        assertEquals(2, done.completed(), DcmtkTool.log(log));
        assertTrue(done.get());
        Map<String, Path> received = new LinkedHashMap<>();
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                received.put(TestCorpus.meta(f).getString(Tag.MediaStorageSOPInstanceUID), f);
            }
        }
        // getscu re-encodes what it writes (it has no bit-preserving mode): compare the content
        assertEquals(ofStudy("1.8.2"), new TreeSet<>(received.keySet()));
        for (String iuid : ofStudy("1.8.2")) {
            Path mine = node.storage.fileStore().resolve(node.storage.catalog().instances(List.of(iuid)).get(0)
                    .file());
            assertEquals(content(mine), content(received.get(iuid)), iuid);
        }
    }

    private static Attributes content(Path file) throws IOException {
        return org.lightbox.dicom.core.io.DicomReader.readFile(file,
                org.lightbox.dicom.core.io.ReadOptions.DEFAULT.withBulkDataByReference(false)).dataset();
    }
}
