package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.ReceiveEvent;
import org.lightbox.catalog.TransferOutcome;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.testing.DcmtkTool;

/**
 * dcmtk senders store a corpus of encodings in the node (explicit and implicit VR little endian, big endian, JPEG
 * lossless and baseline, a retired SOP class, private elements): each stored file's data set is byte-identical to
 * the one sent, in its transfer syntax. (dcmtk re-deflates deflated data and re-encodes undefined lengths when it
 * sends, so those cases are covered with our own SCU in {@link StoreScpTest}.)
 */
@Timeout(300)
class StoreInteropTest {

    static final String STUDY = "1.2.826.0.1.3680043.9.7433.1";

    @TempDir
    Path tmp;

    /** The corpus: file name -> file, each a different instance, transfer syntax and (some) SOP class. */
    private Map<String, Path> corpus() throws Exception {
        Path src = tmp.resolve("corpus");
        Map<String, Path> files = new LinkedHashMap<>();
        String study = STUDY;
        Attributes ct = TestCorpus.image(UID.CTImageStorage, "LAT1", "Müller^Jürgen", study, study + ".1",
                study + ".1.1", "20240115", "CT", 64, 64);
        files.put("ct-explicit", TestCorpus.write(src.resolve("ct-explicit.dcm"), ct, UID.ExplicitVRLittleEndian));
        files.put("nm-retired", TestCorpus.write(src.resolve("nm-retired.dcm"), TestCorpus.image(
                "1.2.840.10008.5.1.4.1.1.5", "P2", "Ærø^Åse", "1.2.3.9", "1.2.3.9.1", "1.2.3.9.1.1", "20231201",
                "NM", 16, 16), UID.ExplicitVRLittleEndian));
        Path plain = TestCorpus.write(tmp.resolve("plain/ct.dcm"), TestCorpus.image(UID.CTImageStorage, "LAT1",
                "Müller^Jürgen", study, study + ".1", study + ".1.3", "20240115", "CT", 64, 64),
                UID.ExplicitVRLittleEndian);
        files.put("ct-jpeg-lossless", TestCorpus.jpeg(plain, src.resolve("ct-jpeg-lossless.dcm"), "+e1"));
        Path plain8 = TestCorpus.write(tmp.resolve("plain/sc8.dcm"), TestCorpus.eightBit(TestCorpus.image(
                UID.SecondaryCaptureImageStorage, "LAT1", "Müller^Jürgen", study, study + ".3", study + ".3.1",
                "20240115", "OT", 32, 32)), UID.ExplicitVRLittleEndian);
        files.put("sc-jpeg-baseline", TestCorpus.jpeg(plain8, src.resolve("sc-jpeg-baseline.dcm"), "+eb"));
        return files;
    }

    @Test
    void mixedCorpusIsStoredAsSentByteForByte() throws Exception {
        Map<String, Path> files = corpus();
        Path src = tmp.resolve("corpus");
        // sent by storescu, which proposes one context per transfer syntax and so sends each file as it is
        Map<String, Path> byStorescu = new LinkedHashMap<>();
        byStorescu.put("mr-implicit", TestCorpus.write(src.resolve("mr-implicit.dcm"), TestCorpus.image(
                UID.MRImageStorage, "LAT1", "Müller^Jürgen", STUDY, STUDY + ".2", STUDY + ".2.1", "20240115", "MR", 32,
                32), UID.ImplicitVRLittleEndian));
        byStorescu.put("ct-big-endian", TestCorpus.write(src.resolve("ct-big-endian.dcm"), TestCorpus.image(
                UID.CTImageStorage, "P3", "Big^Endian", "1.2.3.10", "1.2.3.10.1", "1.2.3.10.1.1", "20220202", "CT", 16,
                16), UID.ExplicitVRBigEndian));
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            String port = Integer.toString(n.port());
            Path log = tmp.resolve("dcmsend.log");
            List<String> cmd = new ArrayList<>(List.of("dcmsend", "-aet", "DCMSEND", "-aec", n.aet(), "127.0.0.1", port));
            files.values().forEach(p -> cmd.add(p.toString()));
            assertEquals(0, DcmtkTool.run(cmd, log, 120), DcmtkTool.log(log));
            Path log2 = tmp.resolve("storescu.log");
            assertEquals(0, DcmtkTool.run(List.of("storescu", "-aet", "STORESCU", "-aec", n.aet(), "127.0.0.1", port,
                    byStorescu.get("mr-implicit").toString()), log2, 60), DcmtkTool.log(log2));
            assertEquals(0, DcmtkTool.run(List.of("storescu", "-xb", "-aet", "STORESCU", "-aec", n.aet(), "127.0.0.1",
                    port, byStorescu.get("ct-big-endian").toString()), log2, 60), DcmtkTool.log(log2));
            files.putAll(byStorescu);
            n.awaitIdle();

            for (Map.Entry<String, Path> e : files.entrySet()) {
                Attributes sentMeta = TestCorpus.meta(e.getValue());
                String iuid = sentMeta.getString(Tag.MediaStorageSOPInstanceUID);
                List<InstanceFile> stored = n.storage.catalog().instances(List.of(iuid));
                assertEquals(1, stored.size(), e.getKey() + " is catalogued once");
                Path file = n.storage.fileStore().resolve(stored.get(0).file());
                assertArrayEquals(TestCorpus.dataSetBytes(e.getValue()), TestCorpus.dataSetBytes(file),
                        e.getKey() + ": the stored data set is the sent one, byte for byte");
                Attributes meta = TestCorpus.meta(file);
                String ts = sentMeta.getString(Tag.TransferSyntaxUID);
                assertEquals(ts, meta.getString(Tag.TransferSyntaxUID), e.getKey());
                assertEquals(ts, stored.get(0).file().transferSyntaxUid(), e.getKey());
                assertEquals(sentMeta.getString(Tag.MediaStorageSOPClassUID), stored.get(0).sopClassUid());
                assertEquals(byStorescu.containsKey(e.getKey()) ? "STORESCU" : "DCMSEND",
                        meta.getString(Tag.SourceApplicationEntityTitle));
            }
            assertEquals(files.size(), n.events(NodeEvent.InstanceReceived.class).size());
            assertTrue(n.events(NodeEvent.InstanceRefused.class).isEmpty());
            List<ReceiveEvent> receives = n.storage.catalog().activityLog().receives(null, Instant.now().plusSeconds(1),
                    0);
            int logged = receives.stream().filter(r -> r.outcome() == TransferOutcome.SUCCESS)
                    .mapToInt(ReceiveEvent::instances).sum();
            assertEquals(files.size(), logged, "the receive log counts every instance: " + receives);
            assertTrue(receives.stream().anyMatch(r -> "Müller^Jürgen".equals(r.patientName())
                    && "DCMSEND".equals(r.callingAet())), receives.toString());
            try (var incoming = Files.list(n.storage.fileStore().root().resolve("incoming"))) {
                assertEquals(0, incoming.count(), "no temporary file is left");
            }
        }
    }
}
