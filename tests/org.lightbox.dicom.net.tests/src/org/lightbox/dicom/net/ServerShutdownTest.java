package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * A server on its way down: newcomers hear "try later" (not "who are you?"), and closing it ends every running
 * association at once, also one whose peer stalls in the middle of a data set.
 */
@Timeout(60)
class ServerShutdownTest {
    private static final String EVLE = "1.2.840.10008.1.2.1";

    @TempDir
    Path tmp;

    private static AAssociateRq rq() {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
        rq.addPresentationContext(TestScp.CT, EVLE);
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, EVLE);
        return rq;
    }

    @Test
    void whileRefusingNewcomersGetATransientRejectionAndTheListenersHearWhy() throws Exception {
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            Connector c = new Connector(ConnectionOptions.defaults());
            Association running = c.open("127.0.0.1", scp.port(), rq());
            scp.server.refuseNewAssociations("server stopping");
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> c.open("127.0.0.1", scp.port(), rq()));
            assertEquals(AAssociateRj.RESULT_TRANSIENT, e.reject().result(), e.getMessage());
            assertEquals(AAssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION, e.reject().source(), e.getMessage());
            assertEquals(AAssociateRj.REASON_TEMPORARY_CONGESTION, e.reject().reason(), e.getMessage());
            scp.awaitEvents(2);
            assertEquals("rejected A-ASSOCIATE-RJ transient, service-provider (presentation): temporary congestion "
                    + "(server stopping)", scp.events.get(1));
            assertTrue(running.echo().isSuccess(), "the running association goes on");
            running.release();
            scp.server.refuseNewAssociations(null);
            Association again = c.open("127.0.0.1", scp.port(), rq());
            assertTrue(again.echo().isSuccess());
            again.release();
        }
    }

    @Test
    void closeAbortsAPeerStalledInTheMiddleOfADataSetAtOnce() throws Exception {
        // an ARTIM time far beyond the bound below: waiting for it is the defect
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults().withArtimTimeout(30_000));
                Socket peer = new Socket("127.0.0.1", scp.port())) {
            peer.setSoTimeout(10_000);
            OutputStream out = peer.getOutputStream();
            out.write(PduEncoder.encode(rq()));
            assertEquals(PduType.A_ASSOCIATE_AC, FakePeerTest.readPdu(peer.getInputStream()).type());
            CommandSet store = CommandSet.request(CommandField.C_STORE_RQ, 1);
            store.setString(CommandTag.AffectedSOPClassUID, TestScp.CT);
            store.setString(CommandTag.AffectedSOPInstanceUID, "1.2.99");
            store.setInt(CommandTag.Priority, 0);
            store.hasDataSet(true);
            out.write(FakePeerTest.pdata(1, 3, store.encode()));
            out.write(FakePeerTest.pdata(1, 0, new byte[8192])); // half a data set, then nothing more
            out.flush();
            Path file = tmp.resolve("1.2.99.dcm");
            FakePeerTest.waitFor(() -> Files.exists(file) && scp.server.activeAssociations().size() == 1);
            Set<Association> running = scp.server.activeAssociations();
            assertEquals(1, running.size());
            Association a = running.iterator().next();

            scp.server.close();
            assertTrue(a.awaitEnd(5_000), "the association ends as the server closes, not after the ARTIM time");
            AssociationAbortedException ended = a.ended().get();
            assertTrue(ended != null && ended.getMessage().contains("the server is closing"), String.valueOf(ended));
            FakePeerTest.Pdu abort = FakePeerTest.readPdu(peer.getInputStream());
            assertEquals(PduType.A_ABORT, abort.type());
            assertEquals(AAbort.SOURCE_SERVICE_USER, abort.body()[2]);
            FakePeerTest.waitFor(() -> scp.server.openConnections() == 0);
            assertEquals(0, scp.server.openConnections());
        }
    }
}
