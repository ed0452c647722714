package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.AutoDelete;
import org.lightbox.catalog.AutoDeleteReport;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.IncomingFile;
import org.lightbox.catalog.RetentionPolicy;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DimseOperation;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.DcmtkTool;

/**
 * C-CANCEL of a C-FIND and of a C-MOVE with many matches, and the pin that keeps a study being sent out of
 * auto-delete's reach.
 */
@Timeout(300)
class CancelAndPinTest {
    static final int INSTANCES = 1500;
    static final String STUDY = "1.7.1";

    @TempDir
    Path tmp;

    /** Puts many small instances of one study straight into the store. */
    static void importStudy(FileStore store) throws Exception {
        for (int i = 1; i <= INSTANCES; i++) {
            Attributes ds = new Attributes();
            ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
            ds.setString(Tag.SOPInstanceUID, VR.UI, STUDY + ".1." + i);
            ds.setString(Tag.PatientName, VR.PN, "Many^Instances");
            ds.setString(Tag.PatientID, VR.LO, "M1");
            ds.setString(Tag.StudyInstanceUID, VR.UI, STUDY);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, STUDY + ".1");
            ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i));
            ds.setBytes(0x00091010, VR.OB, new byte[600]);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DicomWriter w = new DicomWriter(b)) {
                w.writeFileMetaInformation(FileMetaInformation.create(UID.SecondaryCaptureImageStorage,
                        STUDY + ".1." + i, UID.ExplicitVRLittleEndian));
                w.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            }
            try (IncomingFile in = store.create()) {
                in.output().write(b.toByteArray());
                in.commit();
            }
        }
    }

    private static byte[] keys(String level, String... tagValues) throws Exception {
        Attributes k = new Attributes();
        k.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        k.setString(Tag.StudyInstanceUID, VR.UI, STUDY);
        k.setNull(Tag.SOPInstanceUID, VR.UI);
        if (level.equals("IMAGE")) {
            k.setString(Tag.SeriesInstanceUID, VR.UI, STUDY + ".1");
        }
        return StoreScpTest.encode(k, UID.ExplicitVRLittleEndian);
    }

    @Test
    void cancelStopsFindAndMoveAndThePinHoldsAutoDeleteOff() throws Exception {
        int dest = DcmtkTool.freePort();
        DeviceConfiguration c = TestNodes.config("LIGHTBOX", new RemoteAe("STORESCP", "127.0.0.1", dest, false, ""));
        c = c.withStorage(c.storage().withFsync(StorageSettings.Fsync.NEVER));
        try (TestNodes.Running n = TestNodes.start(c, tmp)) {
            importStudy(n.storage.fileStore());
            AAssociateRq rq = new AAssociateRq().calledAeTitle(n.aet()).callingAeTitle("CANCELLER");
            rq.addPresentationContext(UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian);
            rq.addPresentationContext(UID.StudyRootQueryRetrieveInformationModelMove, UID.ExplicitVRLittleEndian);
            Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", n.port(), rq);

            // C-FIND: cancel at the first match
            List<DimseResponse> matches = new CopyOnWriteArrayList<>();
            AtomicReference<DimseOperation> find = new AtomicReference<>();
            AtomicBoolean cancelled = new AtomicBoolean();
            DimseOperation op = a.findAsync(UID.StudyRootQueryRetrieveInformationModelFind,
                    org.lightbox.dicom.net.dimse.DataWriter.of(keys("IMAGE")), m -> {
                        matches.add(m);
                        if (cancelled.compareAndSet(false, true)) {
                            try {
                                while (find.get() == null) {
                                    Thread.onSpinWait();
                                }
                                find.get().cancel();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
            find.set(op);
            DimseResponse last = op.await();
            assertEquals(Status.CANCEL, last.status().code(), last.toString());
            assertTrue(matches.size() < INSTANCES, matches.size() + " matches before the cancel took effect");
            assertEquals(Status.CANCEL, n.await(NodeEvent.QueryAnswered.class, e -> true).status());

            // C-MOVE: the study is pinned while it is sent; cancel after the first sub-operation
            java.nio.file.Files.createDirectories(tmp.resolve("dest"));
            Process storescp = DcmtkTool.startServer(List.of("storescp", "-aet", "STORESCP", "-od",
                    tmp.resolve("dest").toString(), Integer.toString(dest)), dest, tmp.resolve("storescp.log"));
            try {
                AtomicReference<DimseOperation> move = new AtomicReference<>();
                AtomicReference<AutoDeleteReport> during = new AtomicReference<>();
                AtomicBoolean first = new AtomicBoolean(true);
                RetentionPolicy deleteAll = RetentionPolicy.NONE.withMaxStoreBytes(1);
                DimseOperation mv = a.moveAsync(UID.StudyRootQueryRetrieveInformationModelMove, "STORESCP",
                        org.lightbox.dicom.net.dimse.DataWriter.of(keys("STUDY")), p -> {
                            if (first.compareAndSet(true, false)) {
                                try {
                                    during.set(new AutoDelete(n.storage.fileStore(), deleteAll).run());
                                    while (move.get() == null) {
                                        Thread.onSpinWait();
                                    }
                                    move.get().cancel();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        });
                move.set(mv);
                DimseResponse fin = mv.await();
                assertEquals(Status.CANCEL, fin.status().code(), fin.toString());
                int completed = fin.subOperations(CommandTag.NumberOfCompletedSuboperations);
                int remaining = fin.subOperations(CommandTag.NumberOfRemainingSuboperations);
                assertTrue(completed >= 1 && completed < INSTANCES, completed + " sent before the cancel");
                assertEquals(INSTANCES, completed + remaining, "the counts add up");
                assertEquals(List.of(STUDY), during.get().skipped(), "auto-delete skipped the pinned study");
                assertTrue(during.get().deleted().isEmpty());
            } finally {
                DcmtkTool.stop(storescp);
            }
            a.release();
            assertFalse(n.storage.catalog().isPinned(STUDY), "the pin is released");
            AutoDeleteReport after = new AutoDelete(n.storage.fileStore(), RetentionPolicy.NONE.withMaxStoreBytes(1))
                    .run();
            assertEquals(STUDY, after.deleted().get(0).studyUid(), "once sent, the study can go");
        }
    }
}
