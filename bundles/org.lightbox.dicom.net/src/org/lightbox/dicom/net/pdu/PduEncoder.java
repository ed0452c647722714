package org.lightbox.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the control PDUs of PS3.8 9.3 into bytes; P-DATA-TF is framed by the data-transfer code itself. */
public final class PduEncoder {
    private PduEncoder() {
    }

    public static byte[] encode(AAssociateRq rq) {
        Buf b = new Buf();
        header(b, rq);
        for (PresentationContext pc : rq.presentationContexts()) {
            int start = b.beginItem(0x20);
            b.write(pc.id());
            b.write(0);
            b.write(0);
            b.write(0);
            uidItem(b, 0x30, pc.abstractSyntax());
            for (String ts : pc.transferSyntaxes()) {
                uidItem(b, 0x40, ts);
            }
            b.endItem(start);
        }
        userInformation(b, rq.userInformation(), true);
        return b.finishPdu(PduType.A_ASSOCIATE_RQ);
    }

    public static byte[] encode(AAssociateAc ac) {
        Buf b = new Buf();
        header(b, ac);
        for (PresentationContextResult r : ac.presentationContextResults()) {
            int start = b.beginItem(0x21);
            b.write(r.id());
            b.write(0);
            b.write(r.result());
            b.write(0);
            // PS3.8 9.3.3.2: the transfer syntax sub-item is always present; its value is only meaningful on acceptance
            uidItem(b, 0x40, r.transferSyntax() == null ? "" : r.transferSyntax());
            b.endItem(start);
        }
        userInformation(b, ac.userInformation(), false);
        return b.finishPdu(PduType.A_ASSOCIATE_AC);
    }

    public static byte[] encode(AAssociateRj rj) {
        return new byte[] { PduType.A_ASSOCIATE_RJ, 0, 0, 0, 0, 4, 0, (byte) rj.result(), (byte) rj.source(),
                (byte) rj.reason() };
    }

    public static byte[] encode(AAbort abort) {
        return new byte[] { PduType.A_ABORT, 0, 0, 0, 0, 4, 0, 0, (byte) abort.source(), (byte) abort.reason() };
    }

    public static byte[] releaseRq() {
        return new byte[] { PduType.A_RELEASE_RQ, 0, 0, 0, 0, 4, 0, 0, 0, 0 };
    }

    public static byte[] releaseRp() {
        return new byte[] { PduType.A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0 };
    }

    /** Writes a P-DATA-TF PDU header plus one PDV header for a fragment of {@code dataLength} bytes at {@code off}. */
    public static void pDataHeader(byte[] buf, int off, int pcid, boolean command, boolean last, int dataLength) {
        int pdvLength = dataLength + 2;
        int pduLength = pdvLength + 4;
        buf[off] = PduType.P_DATA_TF;
        buf[off + 1] = 0;
        putInt(buf, off + 2, pduLength);
        putInt(buf, off + 6, pdvLength);
        buf[off + 10] = (byte) pcid;
        buf[off + 11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
    }

    /** Bytes of P-DATA-TF and PDV header in front of each fragment written by {@link #pDataHeader}. */
    public static final int P_DATA_HEADER_LENGTH = 12;

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void header(Buf b, AAssociate a) {
        b.write(a.protocolVersion() >> 8);
        b.write(a.protocolVersion());
        b.write(0);
        b.write(0);
        aeTitle(b, a.calledAeTitle());
        aeTitle(b, a.callingAeTitle());
        b.write(new byte[32], 0, 32);
        uidItem(b, 0x10, a.applicationContext());
    }

    private static void aeTitle(Buf b, String ae) {
        byte[] t = new byte[16];
        java.util.Arrays.fill(t, (byte) ' ');
        byte[] s = ae.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, t, 0, Math.min(16, s.length));
        b.write(t, 0, 16);
    }

    private static void uidItem(Buf b, int type, String uid) {
        byte[] s = uid.getBytes(StandardCharsets.US_ASCII);
        b.write(type);
        b.write(0);
        b.short16(s.length);
        b.write(s, 0, s.length);
    }

    private static void userInformation(Buf b, UserInformation ui, boolean request) {
        int start = b.beginItem(0x50);
        b.write(0x51);
        b.write(0);
        b.short16(4);
        b.int32(ui.maxPduLength());
        if (ui.implementationClassUid() != null) {
            uidItem(b, 0x52, ui.implementationClassUid());
        }
        if (ui.hasAsyncOperationsWindow()) {
            b.write(0x53);
            b.write(0);
            b.short16(4);
            b.short16(ui.maxOperationsInvoked());
            b.short16(ui.maxOperationsPerformed());
        }
        for (RoleSelection r : ui.roleSelections()) {
            byte[] uid = r.sopClassUid().getBytes(StandardCharsets.US_ASCII);
            b.write(0x54);
            b.write(0);
            b.short16(uid.length + 4);
            b.short16(uid.length);
            b.write(uid, 0, uid.length);
            b.write(r.scuRole() ? 1 : 0);
            b.write(r.scpRole() ? 1 : 0);
        }
        if (ui.implementationVersionName() != null) {
            uidItem(b, 0x55, ui.implementationVersionName());
        }
        for (ExtendedNegotiation e : ui.extendedNegotiations()) {
            byte[] uid = e.sopClassUid().getBytes(StandardCharsets.US_ASCII);
            byte[] info = e.applicationInformation();
            b.write(0x56);
            b.write(0);
            b.short16(2 + uid.length + info.length);
            b.short16(uid.length);
            b.write(uid, 0, uid.length);
            b.write(info, 0, info.length);
        }
        if (request) {
            for (CommonExtendedNegotiation c : ui.commonExtendedNegotiations()) {
                int s = b.beginItem(0x57);
                lengthPrefixed(b, c.sopClassUid());
                lengthPrefixed(b, c.serviceClassUid());
                List<String> related = c.relatedGeneralSopClassUids();
                int total = 0;
                for (String r : related) {
                    total += 2 + r.length();
                }
                b.short16(total);
                for (String r : related) {
                    lengthPrefixed(b, r);
                }
                b.endItem(s);
            }
            UserIdentity id = ui.userIdentity();
            if (id != null) {
                byte[] p = id.primaryField();
                byte[] s = id.secondaryField();
                b.write(0x58);
                b.write(0);
                b.short16(6 + p.length + s.length);
                b.write(id.type());
                b.write(id.positiveResponseRequested() ? 1 : 0);
                b.short16(p.length);
                b.write(p, 0, p.length);
                b.short16(s.length);
                b.write(s, 0, s.length);
            }
        } else if (ui.userIdentityResponse() != null) {
            byte[] r = ui.userIdentityResponse().serverResponse();
            b.write(0x59);
            b.write(0);
            b.short16(2 + r.length);
            b.short16(r.length);
            b.write(r, 0, r.length);
        }
        b.endItem(start);
    }

    private static void lengthPrefixed(Buf b, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        b.short16(v.length);
        b.write(v, 0, v.length);
    }

    /** Growable byte buffer that reserves room for the 6-byte PDU header and back-patches item lengths. */
    private static final class Buf extends ByteArrayOutputStream {
        Buf() {
            super(512);
            write(new byte[6], 0, 6);
        }

        void short16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("item field longer than 65535 bytes");
            }
            write(v >> 8);
            write(v);
        }

        void int32(long v) {
            write((int) (v >>> 24));
            write((int) (v >>> 16));
            write((int) (v >>> 8));
            write((int) v);
        }

        int beginItem(int type) {
            write(type);
            write(0);
            write(0);
            write(0);
            return count;
        }

        void endItem(int start) {
            int len = count - start;
            if (len > 0xFFFF) {
                throw new IllegalArgumentException("item longer than 65535 bytes");
            }
            buf[start - 2] = (byte) (len >> 8);
            buf[start - 1] = (byte) len;
        }

        byte[] finishPdu(int type) {
            byte[] out = toByteArray();
            out[0] = (byte) type;
            putInt(out, 2, out.length - 6);
            return out;
        }
    }
}
