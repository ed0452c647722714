package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.StoreRequest;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/** The Storage SCP through our own SCU: exact wire bytes, malformed input, mismatches and the duplicate policy. */
@Timeout(120)
class StoreScpTest {

    @TempDir
    Path tmp;

    static Association open(TestNodes.Running n, String callingAet) throws IOException {
        AAssociateRq rq = new AAssociateRq().calledAeTitle(n.aet()).callingAeTitle(callingAet);
        rq.addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian);
        for (String ts : List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
                UID.DeflatedExplicitVRLittleEndian)) {
            rq.addPresentationContext(UID.CTImageStorage, ts);
        }
        return new Connector(ConnectionOptions.defaults()).open("127.0.0.1", n.port(), rq);
    }

    static byte[] encode(Attributes a, String ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(a, TransferSyntax.of(ts));
        w.flush();
        return out.toByteArray();
    }

    static Attributes ct(String iuid) {
        return TestCorpus.image(UID.CTImageStorage, "P1", "Doe^Jane", "1.2.5", "1.2.5.1", iuid, "20240301", "CT", 16,
                16);
    }

    static DimseResponse store(Association a, String iuid, String ts, byte[] data) throws IOException {
        return a.store(StoreRequest.of(UID.CTImageStorage, iuid, ts, DataWriter.of(data)));
    }

    private static List<Path> stored(TestNodes.Running n) throws IOException {
        return TestCorpus.storedFiles(n.storage.fileStore().root());
    }

    private static long incoming(TestNodes.Running n) throws IOException {
        try (var s = Files.list(n.storage.fileStore().root().resolve("incoming"))) {
            return s.count();
        }
    }

    @Test
    void undefinedLengthsUnknownSequencesAndDeflateArriveUnchanged() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            Association a = open(n, "OURSCU");
            Attributes ds = ct("1.2.5.1.1");
            int creator = ds.reservePrivateTag("LIGHTBOX TEST", 0x00290010);
            Attributes item = ds.newSequence(creator + 0x20, VR.UN, 1).addItem();
            item.setString(Tag.CodeValue, VR.SH, "X1");
            byte[] explicit = encode(ds, UID.ExplicitVRLittleEndian);
            assertTrue(store(a, "1.2.5.1.1", UID.ExplicitVRLittleEndian, explicit).status().isSuccess());
            Attributes ds2 = ct("1.2.5.1.2");
            byte[] deflated = encode(ds2, UID.DeflatedExplicitVRLittleEndian);
            assertTrue(store(a, "1.2.5.1.2", UID.DeflatedExplicitVRLittleEndian, deflated).status().isSuccess());
            a.release();
            assertArrayEquals(explicit, TestCorpus.dataSetBytes(file(n, "1.2.5.1.1")));
            assertArrayEquals(deflated, TestCorpus.dataSetBytes(file(n, "1.2.5.1.2")), "kept deflated, as received");
            assertEquals(UID.DeflatedExplicitVRLittleEndian, n.storage.catalog().instances(List.of("1.2.5.1.2")).get(0)
                    .file().transferSyntaxUid());
        }
    }

    private static Path file(TestNodes.Running n, String iuid) throws Exception {
        List<InstanceFile> f = n.storage.catalog().instances(List.of(iuid));
        assertEquals(1, f.size(), iuid);
        return n.storage.fileStore().resolve(f.get(0).file());
    }

    @Test
    void malformedDataSetIsRefusedAndLeavesNothing() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            Association a = open(n, "OURSCU");
            byte[] good = encode(ct("1.2.5.1.3"), UID.ExplicitVRLittleEndian);
            byte[] cut = Arrays.copyOf(good, good.length - 100); // pixel data shorter than its length says
            DimseResponse r = store(a, "1.2.5.1.3", UID.ExplicitVRLittleEndian, cut);
            assertEquals(Status.CANNOT_UNDERSTAND, r.status().code(), r.toString());
            assertTrue(r.errorComment().startsWith("malformed data set"), r.errorComment());
            assertEquals(List.of(), stored(n));
            assertEquals(0, incoming(n), "the partial file is removed");
            assertEquals(List.of(), n.storage.catalog().instances(List.of("1.2.5.1.3")));
            // the association is intact: the same instance, whole, is stored next
            assertTrue(store(a, "1.2.5.1.3", UID.ExplicitVRLittleEndian, good).status().isSuccess());
            a.release();
            assertEquals(1, stored(n).size());
            NodeEvent.InstanceRefused refused = n.events(NodeEvent.InstanceRefused.class).get(0);
            assertEquals(Status.CANNOT_UNDERSTAND, refused.status());
        }
    }

    @Test
    void aDataSetMustBeTheInstanceItsCommandNames() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            Association a = open(n, "OURSCU");
            byte[] other = encode(ct("1.2.5.1.9"), UID.ExplicitVRLittleEndian);
            DimseResponse r = store(a, "1.2.5.1.4", UID.ExplicitVRLittleEndian, other);
            assertEquals(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, r.status().code(), r.toString());
            Attributes noStudy = ct("1.2.5.1.5");
            noStudy.remove(Tag.StudyInstanceUID);
            r = store(a, "1.2.5.1.5", UID.ExplicitVRLittleEndian, encode(noStudy, UID.ExplicitVRLittleEndian));
            assertEquals(Status.CANNOT_UNDERSTAND, r.status().code(), r.toString());
            a.release();
            assertEquals(List.of(), stored(n));
            assertEquals(0, incoming(n));
        }
    }

    /**
     * The node serves a request only on a context of its own SOP class: an MR image sent on the Verification,
     * Storage Commitment, Study Root FIND or CT Image Storage context, or a C-ECHO on the CT context, is refused
     * with 0122H and an Error Comment naming both; nothing is stored, and the association goes on.
     */
    @Test
    void aRequestOnAContextOfAnotherSopClassIsRefused() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            AAssociateRq rq = new AAssociateRq().calledAeTitle(n.aet()).callingAeTitle("MIXUP");
            String evle = UID.ExplicitVRLittleEndian;
            List<String> contexts = List.of(UID.Verification, UID.StorageCommitmentPushModel,
                    UID.StudyRootQueryRetrieveInformationModelFind, UID.CTImageStorage);
            for (String sop : contexts) {
                rq.addPresentationContext(sop, evle);
            }
            Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", n.port(), rq);
            List<String> names = List.of("Verification", "Storage Commitment Push Model",
                    "Study Root Query/Retrieve", "CT Image Storage");
            for (int i = 0; i < contexts.size(); i++) {
                int pcid = a.presentationContextId(contexts.get(i), evle);
                String iuid = "1.2.5.4." + (i + 1);
                CommandSet c = CommandSet.request(CommandField.C_STORE_RQ, a.nextMessageId());
                c.setString(CommandTag.AffectedSOPClassUID, UID.MRImageStorage);
                c.setString(CommandTag.AffectedSOPInstanceUID, iuid);
                c.setInt(CommandTag.Priority, 0);
                byte[] mr = encode(TestCorpus.image(UID.MRImageStorage, "P9", "Mix^Up", "1.2.5.4", "1.2.5.4.0", iuid,
                        "20240301", "MR", 64, 64), evle);
                DimseResponse r = a.invoke(pcid, c, DataWriter.of(mr), null).await();
                assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, r.status().code(), contexts.get(i) + ": " + r);
                assertTrue(r.errorComment().startsWith("MR Image Storage on context " + pcid + " ("
                        + names.get(i)), r.errorComment());
            }
            CommandSet echo = CommandSet.request(CommandField.C_ECHO_RQ, a.nextMessageId());
            echo.setString(CommandTag.AffectedSOPClassUID, UID.Verification);
            DimseResponse r = a.invoke(a.presentationContextId(UID.CTImageStorage, evle), echo, null, null).await();
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, r.status().code(), r.toString());
            // the association goes on
            assertTrue(a.echo().isSuccess());
            assertTrue(store(a, "1.2.5.4.9", evle, encode(ct("1.2.5.4.9"), evle)).status().isSuccess());
            a.release();
            assertEquals(List.of(), n.storage.catalog().instances(List.of("1.2.5.4.1", "1.2.5.4.2", "1.2.5.4.3",
                    "1.2.5.4.4")));
            assertEquals(1, stored(n).size());
            assertEquals(0, incoming(n));
        }
    }

    private void duplicates(StorageSettings.Duplicates policy, int expectedFiles, int secondStatus)
            throws Exception {
        DeviceConfiguration c = TestNodes.config("LIGHTBOX");
        c = c.withStorage(c.storage().withDuplicates(policy));
        try (TestNodes.Running n = TestNodes.start(c, tmp.resolve(policy.name()))) {
            Association a = open(n, "OURSCU");
            Attributes first = ct("1.2.5.1.6");
            Attributes second = ct("1.2.5.1.6");
            second.setString(Tag.SeriesDescription, VR.LO, "second copy");
            assertTrue(store(a, "1.2.5.1.6", UID.ExplicitVRLittleEndian, encode(first, UID.ExplicitVRLittleEndian))
                    .status().isSuccess());
            byte[] secondBytes = encode(second, UID.ExplicitVRLittleEndian);
            DimseResponse r = store(a, "1.2.5.1.6", UID.ExplicitVRLittleEndian, secondBytes);
            assertEquals(secondStatus, r.status().code(), policy + ": " + r);
            a.release();
            List<Path> files = stored(n);
            assertEquals(expectedFiles, files.size(), policy + ": " + files);
            List<InstanceFile> rows = n.storage.catalog().instances(List.of("1.2.5.1.6"));
            assertEquals(expectedFiles, rows.size(), policy.name());
            if (policy == StorageSettings.Duplicates.REPLACE) {
                assertArrayEquals(secondBytes, TestCorpus.dataSetBytes(files.get(0)), "the new copy replaced the old");
            }
            if (policy == StorageSettings.Duplicates.KEEP_BOTH) {
                assertEquals(1, n.events(NodeEvent.InstanceReceived.class).get(1).duplicateNumber());
            }
        }
    }

    @Test
    void duplicatePolicies() throws Exception {
        duplicates(StorageSettings.Duplicates.KEEP_BOTH, 2, Status.SUCCESS);
        duplicates(StorageSettings.Duplicates.REJECT, 1, Status.DUPLICATE_SOP_INSTANCE);
        duplicates(StorageSettings.Duplicates.REPLACE, 1, Status.SUCCESS);
    }
}
