package org.lightbox.query.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.catalog.AssociationEvent.Direction;
import org.lightbox.catalog.AssociationEvent.Outcome;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.net.AssociationRejectedException;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.query.FindRequest;
import org.lightbox.query.QrPeer;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.storage.AssociationLogRecorder;
import org.lightbox.storage.Verification;
import org.lightbox.testing.DcmtkTool;

/**
 * The associations we open are in the catalog's association log as OUTBOUND lines, against real dcmtk peers: a
 * send through the queue and a C-FIND (accepted, then released), a closed port (failed, with the error), a called
 * AE title the peer does not know (rejected, with the reason); and a log that cannot be written breaks nothing.
 */
@Timeout(180)
class OutboundAssociationLogTest {

    @TempDir
    Path tmp;

    /** The OUTBOUND lines, oldest first. */
    private static List<AssociationEvent> outbound(ActivityLog log) throws Exception {
        List<AssociationEvent> lines = new ArrayList<>(log.associations(null, null, 0).stream()
                .filter(e -> e.direction() == Direction.OUTBOUND).toList());
        Collections.reverse(lines);
        return lines;
    }

    /** Asserts the AEs and address of every line, and returns the outcomes in order. */
    private static List<Outcome> outcomes(List<AssociationEvent> lines, String called, int port) {
        for (AssociationEvent e : lines) {
            assertEquals(TransferFixture.CALLING, e.callingAet(), e.toString());
            assertEquals(called, e.calledAet(), e.toString());
            assertEquals("127.0.0.1", e.remoteHost(), e.toString());
            assertEquals(port, e.remotePort(), e.toString());
        }
        return lines.stream().map(AssociationEvent::outcome).toList();
    }

    private static QueryRetrieveScu scu(ActivityLog log) {
        return new QueryRetrieveScu(TransferFixture.CALLING, ConnectionOptions.defaults())
                .withAssociationListener(new AssociationLogRecorder(log));
    }

    @Test
    void aSendThroughTheQueueIsLoggedAcceptedThenReleased() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.77.1";
            fx.study(study, 2, 8);
            int port = DcmtkTool.freePort();
            fx.storescp("STORESCP", port, tmp.resolve("received"), false);
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            TransferJob job = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, job.state(), job.describe());
            assertEquals(List.of(Outcome.ACCEPTED, Outcome.RELEASED),
                    outcomes(outbound(fx.catalog.activityLog()), "STORESCP", port));
        }
    }

    @Test
    void aFindIsLoggedAndARejectionCarriesTheReason() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp); QrPeer peer = new QrPeer(tmp.resolve("qr"), Map.of())) {
            ActivityLog log = fx.catalog.activityLog();
            QueryRetrieveScu scu = scu(log);
            assertEquals(List.of(), scu.find(peer.remote(), FindRequest.of(InformationModel.STUDY_ROOT,
                    QueryLevel.STUDY)));
            assertEquals(List.of(Outcome.ACCEPTED, Outcome.RELEASED), outcomes(outbound(log), QrPeer.AET, peer.port));

            AssociationRejectedException r = assertThrows(AssociationRejectedException.class, () -> scu.find(
                    new RemoteAe("NOT_QRSCP", "127.0.0.1", peer.port, false, ""),
                    FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY)));
            List<AssociationEvent> lines = outbound(log);
            assertEquals(3, lines.size(), lines.toString());
            AssociationEvent rejected = lines.get(2);
            assertEquals(List.of(Outcome.REJECTED), outcomes(List.of(rejected), "NOT_QRSCP", peer.port));
            assertEquals(r.reject().describe(), rejected.detail());
        }
    }

    @Test
    void aClosedPortIsLoggedAsFailedWithTheError() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            ActivityLog log = fx.catalog.activityLog();
            int closed = DcmtkTool.freePort();
            IOException e = assertThrows(IOException.class, () -> scu(log).find(TransferFixture.peer("NOBODY", closed),
                    FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY)));
            Verification.Result echo = Verification.echo(TransferFixture.CALLING, TransferFixture.peer("NOBODY",
                    closed), null, a -> { }, new AssociationLogRecorder(log));
            assertEquals(Verification.Outcome.FAILED, echo.outcome());
            List<AssociationEvent> lines = outbound(log);
            assertEquals(List.of(Outcome.FAILED, Outcome.FAILED), outcomes(lines, "NOBODY", closed));
            assertEquals(e.getMessage(), lines.get(0).detail());
            assertNotNull(lines.get(1).detail());
            assertTrue(lines.get(1).detail().contains("cannot connect"), lines.get(1).detail());
        }
    }

    @Test
    void aLogThatCannotBeWrittenBreaksNoAssociation() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp); QrPeer peer = new QrPeer(tmp.resolve("qr"), Map.of())) {
            ActivityLog log = fx.catalog.activityLog();
            fx.shut(); // the catalog is closed: every line fails
            Verification.Result echo = Verification.echo(TransferFixture.CALLING, peer.remote(), null, a -> { },
                    new AssociationLogRecorder(log));
            assertEquals(Verification.Outcome.SUCCESS, echo.outcome(), echo.detail());
            assertEquals(List.of(), scu(log).find(peer.remote(), FindRequest.of(InformationModel.STUDY_ROOT,
                    QueryLevel.STUDY)));
        }
    }
}
