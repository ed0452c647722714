package org.lightbox.query.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.SendEvent;
import org.lightbox.catalog.StudyState;
import org.lightbox.catalog.TransferOutcome;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.imageio.Transcoder;
import org.lightbox.testing.DcmtkTool;

/** Sends through the queue to dcmtk storescp: as stored, decompressed, one instance failing alone. */
@Timeout(180)
class SendTest {

    @TempDir
    Path tmp;

    /** An image of the study compressed as JPEG Lossless SV1 by our codec, imported; returns its original. */
    private static Attributes jpegLossless(TransferFixture fx, String study, String iuid, String tsLabel)
            throws Exception {
        Attributes original = TransferFixture.image(study, study + ".1", iuid, 24, 24);
        Path plain = TransferFixture.write(fx.dir.resolve("in").resolve(iuid + ".plain.dcm"), original,
                UID.ExplicitVRLittleEndian);
        Path jpeg = fx.dir.resolve("in").resolve(iuid + ".jpeg.dcm");
        new Transcoder().transcode(plain, jpeg, TransferSyntax.of(UID.JPEGLosslessSV1));
        if (tsLabel != null) { // relabel the encapsulated data: a syntax without a codec here
            DicomFile df = DicomReader.readFile(jpeg, ReadOptions.DEFAULT.withBulkDataByReference(false));
            Attributes meta = new Attributes(df.fileMetaInformation());
            meta.setString(0x00020010, org.lightbox.dicom.core.VR.UI, tsLabel);
            Path relabelled = fx.dir.resolve("in").resolve(iuid + ".relabelled.dcm");
            DicomWriter.writeFile(relabelled, meta, df.dataset());
            jpeg = relabelled;
        }
        fx.importFile(jpeg);
        return original;
    }

    private static Path storedFile(TransferFixture fx, String iuid) throws Exception {
        InstanceFile f = fx.catalog.instances(List.of(iuid)).get(0);
        return fx.store.resolve(f.file());
    }

    @Test
    void aSendArrivesIdenticalAndIsLogged() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.7.1";
            fx.study(study, 3, 16);
            jpegLossless(fx, study, study + ".1.4", null);
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            fx.storescp("STORESCP", port, out, true);
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            TransferJob job = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, job.state(), job.describe());
            assertEquals(4, job.done());
            assertEquals(4, job.total());
            long stored = 0;
            for (InstanceFile f : fx.catalog.instancesOfStudy(study)) {
                stored += f.file().size();
            }
            assertEquals(stored, job.bytes(), "bytes counted are the stored files' sizes");

            Map<String, Attributes> got = TransferFixture.received(out);
            assertEquals(4, got.size(), "every instance arrived");
            for (InstanceFile f : fx.catalog.instancesOfStudy(study)) {
                Attributes sent = TransferFixture.read(fx.store.resolve(f.file()));
                assertEquals(sent, got.get(f.sopInstanceUid()), f.sopInstanceUid() + " arrived identical");
            }
            try (Stream<Path> files = Files.list(out)) {
                Path jpeg = files.filter(p -> p.getFileName().toString().endsWith(study + ".1.4")).findFirst()
                        .orElseThrow();
                assertEquals(UID.JPEGLosslessSV1, TransferFixture.transferSyntaxOf(jpeg),
                        "an accepted stored syntax is sent as stored");
            }
            assertTrue(fx.queue.failures(id).isEmpty());
            List<SendEvent> log = fx.catalog.activityLog().sends(null, null, 0);
            assertEquals(1, log.size());
            SendEvent e = log.get(0);
            assertEquals(study, e.studyUid());
            assertEquals(4, e.instances());
            assertEquals(0, e.failed());
            assertEquals(TransferOutcome.SUCCESS, e.outcome());
            assertEquals(Long.valueOf(id), e.jobId());
            assertEquals("STORESCP", e.destinationAet());
            assertEquals("TQ001", e.patientId());
            assertEquals(StudyState.SENT, fx.catalog.study(study).orElseThrow().state());
        }
    }

    @Test
    void aStoredFileCutShortFailsAloneInsteadOfGoingOutIncomplete() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.7.3";
            fx.study(study, 2, 16);
            Path damaged = storedFile(fx, study + ".1.2");
            long size = Files.size(damaged);
            try (var ch = java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(size - 100);
            }
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            fx.storescp("STORESCP", port, out, true);
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            TransferJob job = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, job.state(), job.describe());
            assertEquals(java.util.Set.of(study + ".1.1"), TransferFixture.received(out).keySet(),
                    "only the whole file went out");
            List<InstanceOutcome> failures = fx.queue.failures(id);
            assertEquals(1, failures.size());
            assertEquals(study + ".1.2", failures.get(0).sopInstanceUid());
            assertTrue(failures.get(0).reason().startsWith("stored file damaged: " + (size - 100) + " of " + size
                    + " bytes"), failures.get(0).reason());
        }
    }

    @Test
    void compressedDataIsDecompressedForAPeerRefusingItAndAMissingCodecFailsAlone() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.7.2";
            fx.study(study, 2, 16);
            Attributes original = jpegLossless(fx, study, study + ".1.3", null);
            jpegLossless(fx, study, study + ".1.4", UID.MPEG2MPML); // a syntax no codec here decodes
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            fx.storescp("PLAINSCP", port, out, false); // uncompressed syntaxes only
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("PLAINSCP", port), List.of(study)));
            TransferJob job = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, job.state(), "per-instance failures do not fail the job: "
                    + job.describe());
            assertEquals(4, job.done());

            Map<String, Attributes> got = TransferFixture.received(out);
            assertEquals(3, got.size(), "all but the instance without codec arrived: " + got.keySet());
            Attributes decompressed = got.get(study + ".1.3");
            assertNotNull(decompressed);
            assertArrayEquals(original.getBytes(Tag.PixelData), decompressed.getBytes(Tag.PixelData),
                    "lossless JPEG decoded to the original pixels");
            try (Stream<Path> files = Files.list(out)) {
                Path f = files.filter(p -> p.getFileName().toString().endsWith(study + ".1.3")).findFirst()
                        .orElseThrow();
                String ts = TransferFixture.transferSyntaxOf(f);
                assertTrue(UID.ExplicitVRLittleEndian.equals(ts) || UID.ImplicitVRLittleEndian.equals(ts), ts);
            }
            for (int i = 1; i <= 2; i++) {
                assertEquals(TransferFixture.read(storedFile(fx, study + ".1." + i)), got.get(study + ".1." + i));
            }

            List<InstanceOutcome> failures = fx.queue.failures(id);
            assertEquals(1, failures.size());
            assertEquals(study + ".1.4", failures.get(0).sopInstanceUid());
            String reason = failures.get(0).reason();
            assertTrue(reason.contains("no codec") && reason.contains(UID.MPEG2MPML), reason);
            SendEvent e = fx.catalog.activityLog().sends(null, null, 0).get(0);
            assertEquals(3, e.instances());
            assertEquals(1, e.failed());
            assertEquals(TransferOutcome.WARNING, e.outcome());
            assertEquals(StudyState.RECEIVED, fx.catalog.study(study).orElseThrow().state(),
                    "a study not fully sent is not marked sent");
        }
    }
}
