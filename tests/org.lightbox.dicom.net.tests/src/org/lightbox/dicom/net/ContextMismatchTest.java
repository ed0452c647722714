package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * A request is served only on a presentation context of its own SOP class (PS3.7 9.1): one sent on another
 * context is refused with a status that says so, its data set is read and dropped, and the association goes on.
 */
@Timeout(60)
class ContextMismatchTest {
    private static final String EVLE = "1.2.840.10008.1.2.1";
    private static final String PRINTER = "1.2.840.10008.5.1.1.16";
    private static final String GRAYSCALE_PRINT_META = "1.2.840.10008.5.1.1.9";

    @TempDir
    Path tmp;

    private static CommandSet store(Association as, String sopClass, String iuid) {
        CommandSet c = CommandSet.request(CommandField.C_STORE_RQ, as.nextMessageId());
        c.setString(CommandTag.AffectedSOPClassUID, sopClass);
        c.setString(CommandTag.AffectedSOPInstanceUID, iuid);
        c.setInt(CommandTag.Priority, 0);
        return c;
    }

    @Test
    void aRequestOnAnotherSopClassContextIsRefusedAndTheAssociationGoesOn() throws Exception {
        List<String> printerCalls = new CopyOnWriteArrayList<>();
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(PRINTER, CommandField.N_GET_RQ, rq -> {
                printerCalls.add(rq.command().sopClassUid());
                rq.respond(Status.SUCCESS);
            });
            scp.policy.addSopClass(GRAYSCALE_PRINT_META);
            scp.start(ConnectionOptions.defaults());
            AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, EVLE); // 1
            rq.addPresentationContext(TestScp.CT, EVLE); // 3
            rq.addPresentationContext(TestScp.SC, EVLE); // 5
            rq.addPresentationContext(PRINTER, EVLE); // 7
            rq.addPresentationContext(GRAYSCALE_PRINT_META, EVLE); // 9
            Association as = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(), rq);
            assertEquals(3, as.presentationContextId(TestScp.CT, null));
            byte[] data = new byte[200_000]; // several PDUs: all of it must be read off the wire

            // a Secondary Capture on the CT context: the SC service exists, but not on this context
            DimseResponse sc = as.invoke(3, store(as, TestScp.SC, "1.2.20"), DataWriter.of(data), null).await();
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, sc.status().code());
            assertEquals("Secondary Capture Image Storage on context 3 (CT Image Storage)", sc.errorComment());
            assertFalse(Files.exists(tmp.resolve("1.2.20.dcm")), "nothing stored");
            // the same on the Verification context, and a C-ECHO on the CT context
            DimseResponse onEcho = as.invoke(1, store(as, TestScp.CT, "1.2.21"), DataWriter.of(data), null).await();
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, onEcho.status().code());
            assertTrue(onEcho.errorComment().equals("CT Image Storage on context 1 (Verification)"),
                    onEcho.errorComment());
            assertFalse(Files.exists(tmp.resolve("1.2.21.dcm")), "nothing stored");
            CommandSet echo = CommandSet.request(CommandField.C_ECHO_RQ, as.nextMessageId());
            echo.setString(CommandTag.AffectedSOPClassUID, DicomServiceRegistry.VERIFICATION);
            DimseResponse echoOnCt = as.invoke(3, echo, null, null).await();
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, echoOnCt.status().code());
            assertEquals(DicomServiceRegistry.VERIFICATION,
                    echoOnCt.command().getString(CommandTag.AffectedSOPClassUID));
            // an N-GET of the Printer on the CT context: "no such SOP class", the N-* answer
            CommandSet nget = CommandSet.request(CommandField.N_GET_RQ, as.nextMessageId());
            nget.setString(CommandTag.RequestedSOPClassUID, PRINTER);
            nget.setString(CommandTag.RequestedSOPInstanceUID, "1.2.840.10008.5.1.1.17");
            assertEquals(Status.NO_SUCH_SOP_CLASS, as.invoke(3, nget, null, null).await().status().code());
            assertEquals(List.of(), printerCalls);

            // the association goes on: each on its own context works, and a Meta SOP Class carries its members
            assertTrue(as.echo().isSuccess());
            assertTrue(as.store(StoreRequest.of(TestScp.SC, "1.2.22", EVLE, DataWriter.of(data))).status().isSuccess());
            assertTrue(Files.exists(tmp.resolve("1.2.22.dcm")));
            CommandSet metaGet = CommandSet.request(CommandField.N_GET_RQ, as.nextMessageId());
            metaGet.setString(CommandTag.RequestedSOPClassUID, PRINTER);
            metaGet.setString(CommandTag.RequestedSOPInstanceUID, "1.2.840.10008.5.1.1.17");
            assertTrue(as.invoke(9, metaGet, null, null).await().status().isSuccess());
            assertEquals(List.of(PRINTER), printerCalls);
            as.release();
        }
    }
}
