package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.testing.DcmtkTool;

/**
 * What the Storage SCP refuses before its success response, and what it must keep: an instance the catalog cannot
 * take is refused under every duplicate policy (never acknowledged, then quarantined by the next start); a data set
 * with values of odd length, as older devices send them, is stored as sent.
 */
@Timeout(180)
class StoreRefusalTest {

    private static final String LONG_UID = "1.2.826.0.1.3680043.8.498.12345678901234567890123456789012345678901";

    @TempDir
    Path tmp;

    private static long incoming(TestNodes.Running n) throws Exception {
        try (var s = Files.list(n.storage.fileStore().root().resolve("incoming"))) {
            return s.count();
        }
    }

    private static DeviceConfiguration config(StorageSettings.Duplicates policy) throws Exception {
        DeviceConfiguration c = TestNodes.config("LIGHTBOX");
        return c.withStorage(c.storage().withDuplicates(policy));
    }

    @Test
    void anInstanceTheCatalogCannotTakeIsRefusedUnderEveryDuplicatePolicy() throws Exception {
        for (StorageSettings.Duplicates policy : StorageSettings.Duplicates.values()) {
            try (TestNodes.Running n = TestNodes.start(config(policy), tmp.resolve(policy.name()))) {
                Association a = StoreScpTest.open(n, "OURSCU");
                Attributes ds = StoreScpTest.ct("1.2.5.7.1");
                ds.setString(Tag.SeriesInstanceUID, VR.UI, LONG_UID);
                DimseResponse r = StoreScpTest.store(a, "1.2.5.7.1", UID.ExplicitVRLittleEndian,
                        StoreScpTest.encode(ds, UID.ExplicitVRLittleEndian));
                a.release();
                assertEquals(Status.CANNOT_UNDERSTAND, r.status().code(), policy + ": " + r);
                assertEquals("Series Instance UID (0020,000e) is longer than 64 characters", r.errorComment());
                n.awaitIdle();
                assertEquals(List.of(), TestCorpus.storedFiles(n.storage.fileStore().root()), policy.name());
                assertEquals(0, incoming(n), policy + ": the partial file is removed");
                assertEquals(List.of(), n.storage.catalog().instances(List.of("1.2.5.7.1")));
                assertTrue(n.events(NodeEvent.InstanceReceived.class).isEmpty(), policy.name());
                assertTrue(n.events(NodeEvent.Failure.class).isEmpty(), policy + ": " + n.events);
            }
        }
    }

    @Test
    void storescuIsToldTheInstanceFailedAndNothingIsStored() throws Exception {
        DcmtkTool.require("storescu");
        Attributes ds = StoreScpTest.ct("1.2.5.7.2");
        ds.setString(Tag.StudyInstanceUID, VR.UI, LONG_UID);
        Path file = TestCorpus.write(tmp.resolve("long.dcm"), ds, UID.ExplicitVRLittleEndian);
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp.resolve("node"))) {
            Path log = tmp.resolve("storescu.log");
            DcmtkTool.run(List.of("storescu", "-d", "-aet", "STORESCU", "-aec", n.aet(), "127.0.0.1",
                    Integer.toString(n.port()), file.toString()), log, 60);
            String out = DcmtkTool.log(log);
            assertTrue(out.contains("0xc000"), out);
            n.awaitIdle();
            assertEquals(List.of(), TestCorpus.storedFiles(n.storage.fileStore().root()));
            assertEquals(0, incoming(n));
            NodeEvent.InstanceRefused refused = n.events(NodeEvent.InstanceRefused.class).get(0);
            assertEquals(Status.CANNOT_UNDERSTAND, refused.status());
        }
    }

    /** {@code ds} in explicit VR little endian with Study Description "odd" at its odd length, 3. */
    private static byte[] withOddStudyDescription(Attributes ds) throws Exception {
        ds.remove(Tag.StudyDescription);
        byte[] whole = StoreScpTest.encode(ds, UID.ExplicitVRLittleEndian);
        // split the encoding at the first element after (0008,1030): tags are written in ascending order
        int at = 0;
        while (at < whole.length) {
            int tag = ((whole[at + 1] & 0xFF) << 24) | ((whole[at] & 0xFF) << 16) | ((whole[at + 3] & 0xFF) << 8)
                    | (whole[at + 2] & 0xFF);
            if (Integer.compareUnsigned(tag, Tag.StudyDescription) > 0) {
                break;
            }
            String vr = new String(whole, at + 4, 2, StandardCharsets.US_ASCII);
            boolean longHeader = VR.of(vr).hasLongHeader();
            long len = longHeader ? (whole[at + 8] & 0xFFL) | (whole[at + 9] & 0xFFL) << 8
                    | (whole[at + 10] & 0xFFL) << 16 | (whole[at + 11] & 0xFFL) << 24
                    : (whole[at + 6] & 0xFF) | (whole[at + 7] & 0xFF) << 8;
            at += (longHeader ? 12 : 8) + (int) len;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(whole, 0, at);
        out.writeBytes(new byte[] { 0x08, 0x00, 0x30, 0x10, 'L', 'O', 3, 0, 'o', 'd', 'd' });
        out.write(whole, at, whole.length - at);
        return out.toByteArray();
    }

    @Test
    void oddValueLengthsAreStoredAsSent() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            Association a = StoreScpTest.open(n, "OURSCU");
            byte[] sent = withOddStudyDescription(StoreScpTest.ct("1.2.5.7.3"));
            DimseResponse r = StoreScpTest.store(a, "1.2.5.7.3", UID.ExplicitVRLittleEndian, sent);
            a.release();
            assertTrue(r.status().isSuccess(), r.toString());
            n.awaitIdle();
            List<InstanceFile> rows = n.storage.catalog().instances(List.of("1.2.5.7.3"));
            assertEquals(1, rows.size());
            Path file = n.storage.fileStore().resolve(rows.get(0).file());
            assertArrayEquals(sent, TestCorpus.dataSetBytes(file), "stored byte for byte, odd length and all");
            assertEquals("odd", n.storage.catalog().study("1.2.5").orElseThrow().description());
            assertFalse(n.events.stream().anyMatch(e -> e instanceof NodeEvent.Failure), n.events.toString());
        }
    }
}
