package org.lightbox.dicom.net.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PduCodecTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String IVLE = "1.2.840.10008.1.2";
    private static final String EVLE = "1.2.840.10008.1.2.1";

    static AAssociateRq fullRequest() {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("CALLED").callingAeTitle("CALLING");
        rq.addPresentationContext(CT, EVLE, IVLE);
        rq.addPresentationContext("1.2.840.10008.1.1", IVLE);
        UserInformation ui = rq.userInformation();
        ui.maxPduLength(32768).implementationClassUid("1.2.3.4").implementationVersionName("TEST_1");
        ui.asyncOperationsWindow(3, 2);
        ui.roleSelections().add(new RoleSelection(CT, true, true));
        ui.extendedNegotiations().add(new ExtendedNegotiation(CT, new byte[] { 1, 0, 1 }));
        ui.commonExtendedNegotiations().add(new CommonExtendedNegotiation(CT, "1.2.840.10008.4.2",
                List.of("1.2.840.10008.5.1.4.1.1.2.1")));
        ui.userIdentity(new UserIdentity(UserIdentity.USERNAME_AND_PASSCODE, true, "bob".getBytes(), "pw".getBytes()));
        return rq;
    }

    private static byte[] body(byte[] pdu) {
        return Arrays.copyOfRange(pdu, 6, pdu.length);
    }

    @Test
    void associateRqRoundTripKeepsEverySubItem() throws IOException {
        byte[] pdu = PduEncoder.encode(fullRequest());
        assertEquals(PduType.A_ASSOCIATE_RQ, pdu[0]);
        int len = ((pdu[2] & 0xFF) << 24) | ((pdu[3] & 0xFF) << 16) | ((pdu[4] & 0xFF) << 8) | (pdu[5] & 0xFF);
        assertEquals(pdu.length - 6, len);
        AAssociateRq rq = PduDecoder.decodeAssociateRq(body(pdu), pdu.length - 6, "t");
        assertEquals("CALLED", rq.calledAeTitle());
        assertEquals("CALLING", rq.callingAeTitle());
        assertEquals(AAssociate.DICOM_APPLICATION_CONTEXT, rq.applicationContext());
        assertEquals(List.of(PresentationContext.of(1, CT, EVLE, IVLE), PresentationContext.of(3, "1.2.840.10008.1.1", IVLE)),
                rq.presentationContexts());
        UserInformation ui = rq.userInformation();
        assertEquals(32768, ui.maxPduLength());
        assertEquals("1.2.3.4", ui.implementationClassUid());
        assertEquals("TEST_1", ui.implementationVersionName());
        assertEquals(3, ui.maxOperationsInvoked());
        assertEquals(2, ui.maxOperationsPerformed());
        assertEquals(List.of(new RoleSelection(CT, true, true)), ui.roleSelections());
        assertArrayEquals(new byte[] { 1, 0, 1 }, ui.extendedNegotiations().get(0).applicationInformation());
        assertEquals(fullRequest().userInformation().commonExtendedNegotiations(), ui.commonExtendedNegotiations());
        assertEquals(fullRequest().userInformation().userIdentity(), ui.userIdentity());
    }

    @Test
    void associateAcRoundTrip() throws IOException {
        AAssociateAc ac = new AAssociateAc();
        ac.calledAeTitle("A").callingAeTitle("B");
        ac.addPresentationContextResult(new PresentationContextResult(1, PresentationContextResult.ACCEPTANCE, EVLE));
        ac.addPresentationContextResult(new PresentationContextResult(3, PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, null));
        ac.userInformation().maxPduLength(0).implementationClassUid("1.2.3").userIdentityResponse(
                new UserIdentityResponse(new byte[] { 9 }));
        ac.userInformation().roleSelections().add(new RoleSelection(CT, true, false));
        byte[] pdu = PduEncoder.encode(ac);
        AAssociateAc back = PduDecoder.decodeAssociateAc(body(pdu), pdu.length - 6, "t");
        assertEquals(ac.presentationContextResults(), back.presentationContextResults());
        assertEquals(0, back.userInformation().maxPduLength());
        assertArrayEquals(new byte[] { 9 }, back.userInformation().userIdentityResponse().serverResponse());
        assertEquals(new RoleSelection(CT, true, false), back.userInformation().roleSelection(CT));
        assertNull(back.userInformation().userIdentity());
    }

    @Test
    void rejectAndAbortRoundTrip() throws IOException {
        byte[] rj = PduEncoder.encode(AAssociateRj.callingAeNotRecognized());
        assertEquals(AAssociateRj.callingAeNotRecognized(), PduDecoder.decodeAssociateRj(body(rj), 4, "t"));
        byte[] ab = PduEncoder.encode(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
        assertEquals(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU), PduDecoder.decodeAbort(body(ab), 4, "t"));
        assertTrue(AAssociateRj.calledAeNotRecognized().describe().contains("called AE title not recognized"));
    }

    private static PduFormatException decodeError(byte[] pdu) {
        return assertThrows(PduFormatException.class,
                () -> PduDecoder.decodeAssociateRq(body(pdu), pdu.length - 6, "assoc X"));
    }

    @Test
    void itemLengthBeyondPduIsRejectedWithOffset() {
        byte[] pdu = PduEncoder.encode(fullRequest());
        // first item after the 74-byte fixed part is the application context: claim 0x7FFF bytes
        pdu[76] = 0x7F;
        pdu[77] = (byte) 0xFF;
        PduFormatException e = decodeError(pdu);
        assertEquals(74, e.offset());
        assertTrue(e.getMessage().startsWith("assoc X: A-ASSOCIATE-RQ at byte 74"), e.getMessage());
        assertEquals(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.abortReason());
    }

    @Test
    void unknownItemTypeIsUnrecognizedParameter() {
        byte[] pdu = PduEncoder.encode(fullRequest());
        pdu[74] = 0x33;
        PduFormatException e = decodeError(pdu);
        assertEquals(AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER, e.abortReason());
        assertTrue(e.getMessage().contains("0x33"));
    }

    @Test
    void evenPresentationContextIdIsRejected() {
        byte[] pdu = PduEncoder.encode(fullRequest());
        int pcItem = 74 + 4 + AAssociate.DICOM_APPLICATION_CONTEXT.length();
        assertEquals(0x20, pdu[pcItem]);
        pdu[pcItem + 4] = 2;
        assertTrue(decodeError(pdu).getMessage().contains("even presentation context id 2"));
    }

    @Test
    void nonUidAbstractSyntaxIsRejected() {
        byte[] pdu = PduEncoder.encode(fullRequest());
        int as = 74 + 4 + AAssociate.DICOM_APPLICATION_CONTEXT.length() + 8;
        assertEquals(0x30, pdu[as]);
        pdu[as + 5] = 'X';
        assertTrue(decodeError(pdu).getMessage().contains("abstract syntax is not a UID"));
    }

    @Test
    void truncatedFixedPartIsRejected() {
        byte[] pdu = Arrays.copyOf(PduEncoder.encode(fullRequest()), 40);
        assertTrue(decodeError(pdu).getMessage().contains("fixed fields"));
    }

    @Test
    void missingPresentationContextIsRejected() {
        AAssociateRq rq = new AAssociateRq();
        byte[] pdu = PduEncoder.encode(rq);
        assertTrue(decodeError(pdu).getMessage().contains("no presentation context"));
    }

    @Test
    void maximumLengthSubItemWithWrongLength() {
        byte[] pdu = PduEncoder.encode(fullRequest());
        // find the 0x51 sub-item inside user information and declare length 3
        int ui = indexOf(pdu, (byte) 0x50, 74);
        assertEquals(0x51, pdu[ui + 4]);
        pdu[ui + 7] = 3;
        assertTrue(decodeError(pdu).getMessage().contains("maximum length"));
    }

    private static int indexOf(byte[] b, byte v, int from) {
        int p = from;
        while (p < b.length) {
            if (b[p] == v) {
                return p;
            }
            p += 4 + (((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF));
        }
        throw new AssertionError("item not found");
    }

    // -------------------------------------------------------------- the PDU reader's bounds

    @Test
    void oversizedPDataIsRefusedBeforeAllocation() {
        byte[] header = { 4, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF };
        PduReader r = new PduReader(new ByteArrayInputStream(header), "assoc Y", 16384);
        PduFormatException e = assertThrows(PduFormatException.class, r::read);
        assertTrue(e.getMessage().contains("exceeds the limit of " + (16384 + PduReader.SLACK)), e.getMessage());
        assertEquals(2, e.offset());
    }

    @Test
    void hugeAssociateRqIsRefused() {
        byte[] header = { 1, 0, 0x10, 0, 0, 0 };
        PduReader r = new PduReader(new ByteArrayInputStream(header), "assoc Y", 0);
        assertThrows(PduFormatException.class, r::read);
    }

    @Test
    void truncatedBodyIsReportedAsTruncation() {
        byte[] pdu = { 4, 0, 0, 0, 0, 100, 1, 2, 3 };
        PduReader r = new PduReader(new ByteArrayInputStream(pdu), "assoc Y", 16384);
        PduFormatException e = assertThrows(PduFormatException.class, r::read);
        assertInstanceOf(PduReader.TruncatedPduException.class, e);
        assertTrue(e.getMessage().contains("3 of 100"), e.getMessage());
    }

    @Test
    void unknownPduTypeAndBadFixedLengths() {
        PduReader r = new PduReader(new ByteArrayInputStream(new byte[] { 9, 0, 0, 0, 0, 4 }), "a", 0);
        assertEquals(AAbort.REASON_UNRECOGNIZED_PDU, assertThrows(PduFormatException.class, r::read).abortReason());
        PduReader r2 = new PduReader(new ByteArrayInputStream(new byte[] { 5, 0, 0, 0, 0, 8 }), "a", 0);
        assertTrue(assertThrows(PduFormatException.class, r2::read).getMessage().contains("expected 4"));
    }

    @Test
    void claimedLengthCostsOnlyWhatArrives() throws IOException {
        // a 4 MB P-DATA claim, but the stream supplies 10 bytes: the buffer must stay small
        byte[] pdu = new byte[16];
        pdu[0] = 4;
        pdu[2] = 0x00;
        pdu[3] = 0x40;
        InputStream in = new ByteArrayInputStream(pdu);
        PduReader r = new PduReader(in, "a", 8 << 20);
        assertThrows(PduReader.TruncatedPduException.class, r::read);
        assertTrue(r.buffer().length <= 64 * 1024, "buffer grew to " + r.buffer().length);
    }

    @Test
    void readsConsecutivePdus() throws IOException {
        byte[] a = PduEncoder.releaseRq();
        byte[] b = PduEncoder.encode(fullRequest());
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        PduReader r = new PduReader(new ByteArrayInputStream(both), "a", 16384);
        assertEquals(PduType.A_RELEASE_RQ, r.read());
        assertEquals(PduType.A_ASSOCIATE_RQ, r.read());
        assertEquals(b.length - 6, r.length());
        assertEquals("CALLED", PduDecoder.decodeAssociateRq(r.body(), r.length(), "a").calledAeTitle());
    }

    /** A stream that hands out at most {@code step} bytes per read, like a socket delivering segments. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static byte[] pData(int bodyLength, int seed) {
        byte[] p = new byte[6 + bodyLength];
        p[0] = PduType.P_DATA_TF;
        p[2] = (byte) (bodyLength >>> 24);
        p[3] = (byte) (bodyLength >>> 16);
        p[4] = (byte) (bodyLength >>> 8);
        p[5] = (byte) bodyLength;
        for (int i = 6; i < p.length; i++) {
            p[i] = (byte) (i * 31 + seed);
        }
        return p;
    }

    @Test
    void pdusSpanningReadsAndTheBufferEndArriveWhole() throws IOException {
        // bodies of assorted sizes, some larger than the read-ahead buffer, cut into reads of odd sizes
        int[] sizes = { 16378, 4, 70_000, 16378, 1, 200_000, 16378, 16378, 16378, 9 };
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < sizes.length; i++) {
            all.write(pData(sizes[i], i), 0, 6 + sizes[i]);
        }
        all.write(PduEncoder.releaseRq(), 0, 10);
        for (int step : new int[] { 1, 7, 4096, 65536, Integer.MAX_VALUE }) {
            PduReader r = new PduReader(trickle(all.toByteArray(), step), "a", 1 << 20);
            for (int i = 0; i < sizes.length; i++) {
                assertEquals(PduType.P_DATA_TF, r.read(), "PDU " + i + ", reads of " + step);
                assertEquals(sizes[i], r.length());
                byte[] expected = pData(sizes[i], i);
                assertTrue(Arrays.equals(expected, 6, expected.length, r.buffer(), r.offset(), r.offset() + r.length()),
                        "body of PDU " + i + " with reads of " + step);
            }
            assertEquals(PduType.A_RELEASE_RQ, r.read());
            assertEquals(4, r.body().length);
            assertThrows(java.io.EOFException.class, r::read);
            // the buffer grew for the 200 KB PDU only as far as needed, not to the negotiated 1 MB
            assertTrue(r.buffer().length <= 2 * 200_006, "buffer of " + r.buffer().length + " bytes");
        }
    }

    @Test
    void truncationInsideALaterPduReportsItsOwnOffsets() throws IOException {
        byte[] first = pData(100, 1);
        byte[] second = Arrays.copyOf(pData(50_000, 2), 6 + 20_000); // the connection drops 20,000 bytes in
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        PduReader r = new PduReader(trickle(both, 3000), "a", 1 << 20);
        assertEquals(PduType.P_DATA_TF, r.read());
        PduFormatException e = assertThrows(PduReader.TruncatedPduException.class, r::read);
        assertTrue(e.getMessage().contains("20000 of 50000"), e.getMessage());
        assertEquals(6 + 20_000, e.offset());
    }
}
