package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.FailedSopInstanceList;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.RoleSelection;

/** Our SCU against our SCP: the query/retrieve and normalized services, cancel, and aborts mid-transfer. */
@Timeout(60)
class DimseServicesTest {
    static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    static final String GET = "1.2.840.10008.5.1.4.1.2.2.3";
    static final String PRINTER = "1.2.840.10008.5.1.1.16";
    static final String IVLE = "1.2.840.10008.1.2";
    static final String EVLE = "1.2.840.10008.1.2.1";
    static final byte[] KEYS = { 0x10, 0, 0x10, 0, 4, 0, 0, 0, 'D', 'O', 'E', ' ' };

    @TempDir
    Path tmp;

    private static Association open(TestScp scp, Connector c, String... sopClasses) throws IOException {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
        for (String s : sopClasses) {
            rq.addPresentationContext(s, EVLE, IVLE);
        }
        return c.open("127.0.0.1", scp.port(), rq);
    }

    @Test
    void findStreamsPendingMatchesAndHonoursCancel() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(FIND, CommandField.C_FIND_RQ, rq -> {
                byte[] keys = rq.dataSet().readAllBytes();
                for (int i = 0; i < 1000; i++) {
                    if (rq.isCancelled()) {
                        cancelled.countDown();
                        rq.respond(Status.CANCEL);
                        return;
                    }
                    rq.respond(rq.newResponse(Status.PENDING), DataWriter.of(keys));
                    if (i == 2 && keys[8] == 'X') {
                        Thread.sleep(300); // give the C-CANCEL time to arrive
                    }
                }
                rq.respond(Status.SUCCESS);
            });
            scp.start(ConnectionOptions.defaults());
            Association as = open(scp, new Connector(ConnectionOptions.defaults()), FIND);
            List<DimseResponse> matches = new CopyOnWriteArrayList<>();
            DimseResponse fin = as.find(FIND, DataWriter.of(KEYS), matches::add);
            assertTrue(fin.status().isSuccess());
            assertEquals(1000, matches.size());
            assertArrayEquals(KEYS, matches.get(999).dataSet());
            assertEquals(EVLE, matches.get(0).transferSyntax());

            byte[] cancelKeys = KEYS.clone();
            cancelKeys[8] = 'X';
            List<DimseResponse> some = new CopyOnWriteArrayList<>();
            DimseOperation op = as.findAsync(FIND, DataWriter.of(cancelKeys), some::add);
            FakePeerTest.waitFor(() -> some.size() >= 3);
            op.cancel();
            assertEquals(Status.CANCEL, op.await().status().code());
            assertTrue(cancelled.await(5, TimeUnit.SECONDS));
            assertTrue(some.size() < 1000);
            as.release();
        }
    }

    @Test
    void moveReportsSubOperationsAndFailedInstances() throws Exception {
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(MOVE, CommandField.C_MOVE_RQ, rq -> {
                if (!"DEST".equals(rq.command().getString(CommandTag.MoveDestination))) {
                    rq.respond(Status.MOVE_DESTINATION_UNKNOWN);
                    return;
                }
                for (int done = 0; done < 3; done++) {
                    CommandSet p = rq.newResponse(Status.PENDING);
                    p.setInt(CommandTag.NumberOfRemainingSuboperations, 3 - done)
                            .setInt(CommandTag.NumberOfCompletedSuboperations, done)
                            .setInt(CommandTag.NumberOfFailedSuboperations, 0)
                            .setInt(CommandTag.NumberOfWarningSuboperations, 0);
                    rq.respond(p, null);
                }
                CommandSet f = rq.newResponse(Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES);
                f.setInt(CommandTag.NumberOfCompletedSuboperations, 2).setInt(CommandTag.NumberOfFailedSuboperations, 1)
                        .setInt(CommandTag.NumberOfWarningSuboperations, 0);
                rq.respond(f, FailedSopInstanceList.writer(List.of("1.2.3.4.5")));
            });
            scp.start(ConnectionOptions.defaults());
            Association as = open(scp, new Connector(ConnectionOptions.defaults()), MOVE);
            List<Integer> remaining = new CopyOnWriteArrayList<>();
            DimseResponse fin = as.move(MOVE, "DEST", DataWriter.of(KEYS),
                    p -> remaining.add(p.subOperations(CommandTag.NumberOfRemainingSuboperations)));
            assertEquals(List.of(3, 2, 1), remaining);
            assertTrue(fin.status().isWarning());
            assertEquals(1, fin.subOperations(CommandTag.NumberOfFailedSuboperations));
            assertEquals(List.of("1.2.3.4.5"), fin.failedSopInstanceUids());
            assertEquals(Status.MOVE_DESTINATION_UNKNOWN, as.move(MOVE, "NOWHERE", DataWriter.of(KEYS), null).status().code());
            as.release();
        }
    }

    @Test
    void aRequestServedLongerThanTheIdleTimeoutKeepsItsAssociation() throws Exception {
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(MOVE, CommandField.C_MOVE_RQ, rq -> {
                Thread.sleep(1500); // sub-operations to a slow destination: the requester sends nothing meanwhile
                CommandSet f = rq.newResponse(Status.SUCCESS);
                f.setInt(CommandTag.NumberOfCompletedSuboperations, 1).setInt(CommandTag.NumberOfFailedSuboperations, 0)
                        .setInt(CommandTag.NumberOfWarningSuboperations, 0);
                rq.respond(f, null);
            });
            scp.start(ConnectionOptions.defaults().withIdleTimeout(400));
            Association as = open(scp, new Connector(ConnectionOptions.defaults()), MOVE, DicomServiceRegistry.VERIFICATION);
            assertTrue(as.move(MOVE, "DEST", DataWriter.of(KEYS), null).status().isSuccess(),
                    "answered, not aborted as idle");
            assertTrue(as.echo().isSuccess(), "and the association goes on");
            // idle with nothing being served: the timeout still ends it
            FakePeerTest.waitFor(() -> scp.events.stream().anyMatch(e -> e.startsWith("aborted")));
            assertTrue(scp.events.stream().anyMatch(e -> e.contains("idle timeout of 400 ms")), scp.events.toString());
        }
    }

    @Test
    void getWithRoleSelectionDeliversStoresToTheRequestor() throws Exception {
        byte[] instance = new byte[100_000];
        for (int i = 0; i < instance.length; i++) {
            instance[i] = (byte) i;
        }
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(GET, CommandField.C_GET_RQ, rq -> {
                Association a = rq.association();
                RoleSelection roles = a.negotiatedRoles(TestScp.CT);
                if (roles == null || !roles.scpRole()) {
                    rq.respond(Status.OUT_OF_RESOURCES_SUB_OPERATIONS);
                    return;
                }
                // the sub-operation runs on the same association, with the move originator fields
                DimseResponse s = a.store(StoreRequest.of(TestScp.CT, "1.2.9", EVLE, DataWriter.of(instance))
                        .withMoveOriginator("SCU", rq.command().messageId()));
                CommandSet f = rq.newResponse(s.status().isSuccess() ? Status.SUCCESS : Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES);
                f.setInt(CommandTag.NumberOfCompletedSuboperations, s.status().isSuccess() ? 1 : 0);
                rq.respond(f, null);
            });
            scp.start(ConnectionOptions.defaults());
            List<byte[]> received = new CopyOnWriteArrayList<>();
            List<String> originators = new CopyOnWriteArrayList<>();
            DicomServiceRegistry mine = new DicomServiceRegistry().register(TestScp.CT, CommandField.C_STORE_RQ, rq -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                rq.dataSet().transferTo(b);
                received.add(b.toByteArray());
                originators.add(rq.command().getString(CommandTag.MoveOriginatorApplicationEntityTitle));
                rq.respond(Status.SUCCESS);
            });
            AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
            rq.addPresentationContext(GET, EVLE);
            rq.addPresentationContext(TestScp.CT, EVLE);
            rq.addRoleSelection(TestScp.CT, false, true);
            Association as = new Connector(ConnectionOptions.defaults()).services(mine).open("127.0.0.1", scp.port(), rq);
            assertEquals(new RoleSelection(TestScp.CT, false, true), as.negotiatedRoles(TestScp.CT));
            DimseResponse fin = as.get(GET, DataWriter.of(KEYS), null);
            assertTrue(fin.status().isSuccess(), fin.toString());
            assertEquals(1, received.size());
            assertArrayEquals(instance, received.get(0));
            assertEquals(List.of("SCU"), originators);
            as.release();
        }
    }

    @Test
    void normalizedServices() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TestScp scp = new TestScp(tmp)) {
            DimseService n = rq -> {
                CommandSet c = rq.command();
                seen.add(c.commandField().label() + " " + c.sopInstanceUid() + " " + c.getInt(CommandTag.ActionTypeID, -1)
                        + " " + (rq.dataSet() == null ? 0 : rq.dataSet().readAllBytes().length));
                CommandSet rsp = rq.newResponse(Status.SUCCESS);
                rq.respond(rsp, c.commandField() == CommandField.N_GET_RQ ? DataWriter.of(KEYS) : null);
            };
            for (CommandField f : new CommandField[] { CommandField.N_GET_RQ, CommandField.N_SET_RQ,
                    CommandField.N_ACTION_RQ, CommandField.N_CREATE_RQ, CommandField.N_DELETE_RQ,
                    CommandField.N_EVENT_REPORT_RQ }) {
                scp.registry.register(PRINTER, f, n);
            }
            scp.start(ConnectionOptions.defaults());
            Association as = open(scp, new Connector(ConnectionOptions.defaults()), PRINTER);
            DimseResponse g = as.nGet(PRINTER, "1.2.840.10008.5.1.1.17", 0x21100010);
            assertArrayEquals(KEYS, g.dataSet());
            assertEquals("1.2.840.10008.5.1.1.17", g.command().getString(CommandTag.AffectedSOPInstanceUID));
            assertTrue(as.nSet(PRINTER, "1.2.5", DataWriter.of(KEYS)).status().isSuccess());
            assertTrue(as.nAction(PRINTER, "1.2.6", 1, null).status().isSuccess());
            assertTrue(as.nCreate(PRINTER, null, DataWriter.of(KEYS)).status().isSuccess());
            assertTrue(as.nDelete(PRINTER, "1.2.7").status().isSuccess());
            assertTrue(as.nEventReport(PRINTER, "1.2.8", 2, null).status().isSuccess());
            assertEquals(List.of("N-GET-RQ 1.2.840.10008.5.1.1.17 -1 0", "N-SET-RQ 1.2.5 -1 12", "N-ACTION-RQ 1.2.6 1 0",
                    "N-CREATE-RQ null -1 12", "N-DELETE-RQ 1.2.7 -1 0", "N-EVENT-REPORT-RQ 1.2.8 -1 0"), seen);
            as.release();
        }
    }

    /** Writes {@code total} bytes, calling {@code midway} once half is out. */
    private static DataWriter slowData(int total, Runnable midway) {
        return (out, ts) -> {
            byte[] chunk = new byte[8192];
            for (int sent = 0; sent < total; sent += chunk.length) {
                if (sent == (total / 2 / 8192) * 8192) {
                    midway.run();
                }
                out.write(chunk);
            }
        };
    }

    @Test
    void requestorAbortsMidTransfer() throws Exception {
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            Association as = open(scp, new Connector(ConnectionOptions.defaults()), TestScp.CT);
            IOException e = assertThrows(IOException.class, () -> as.store(StoreRequest.of(TestScp.CT, "1.2.10", EVLE,
                    slowData(1 << 20, as::abort))));
            assertTrue(e.getMessage().contains("abort"), e.getMessage());
            scp.awaitEvents(2);
            assertTrue(scp.events.get(1).startsWith("aborted") && scp.events.get(1).contains("service-user"),
                    scp.events.toString());
            assertTrue(open(scp, new Connector(ConnectionOptions.defaults()), DicomServiceRegistry.VERIFICATION).echo()
                    .isSuccess());
        }
    }

    @Test
    void acceptorAbortsMidTransfer() throws Exception {
        try (TestScp scp = new TestScp(tmp)) {
            scp.registry.register(TestScp.CT, CommandField.C_STORE_RQ, rq -> {
                rq.dataSet().readNBytes(50_000);
                rq.association().abort();
                rq.dataSet().transferTo(OutputStream.nullOutputStream());
            });
            scp.start(ConnectionOptions.defaults());
            Association as = open(scp, new Connector(ConnectionOptions.defaults()), TestScp.CT);
            AssociationAbortedException e = assertThrows(AssociationAbortedException.class,
                    () -> as.store(StoreRequest.of(TestScp.CT, "1.2.11", EVLE, slowData(4 << 20, () -> { }))));
            assertTrue(e.byPeer(), e.getMessage());
            assertEquals(AAbort.byUser(), e.abort());
            assertTrue(as.ended().get(5, TimeUnit.SECONDS) != null);
        }
    }
}
