package org.lightbox.dicom.net.pdu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the body (the bytes after the 6-byte header) of control PDUs, validating every length and item type
 * against PS3.8 9.3. Offsets in errors count from the first byte of the PDU header.
 */
public final class PduDecoder {
    private static final System.Logger LOG = System.getLogger(PduDecoder.class.getName());

    /** Fixed part of A-ASSOCIATE-RQ/AC: version, reserved, called AE, calling AE, 32 reserved. */
    private static final int FIXED_ASSOCIATE_FIELDS = 68;

    private PduDecoder() {
    }

    public static AAssociateRq decodeAssociateRq(byte[] body, int length, String association) throws PduFormatException {
        Cursor c = new Cursor(body, length, PduType.A_ASSOCIATE_RQ, association);
        AAssociateRq rq = new AAssociateRq();
        decodeAssociate(c, rq, 0x20, true, (itemStart, end) -> {
            PresentationContext pc = presentationContextRq(c, end);
            if (rq.presentationContext(pc.id()) != null) {
                throw c.error(itemStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "duplicate presentation context id " + pc.id());
            }
            rq.addPresentationContext(pc);
        });
        if (rq.presentationContexts().isEmpty()) {
            throw c.error(c.pos, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "no presentation context item");
        }
        return rq;
    }

    public static AAssociateAc decodeAssociateAc(byte[] body, int length, String association) throws PduFormatException {
        Cursor c = new Cursor(body, length, PduType.A_ASSOCIATE_AC, association);
        AAssociateAc ac = new AAssociateAc();
        decodeAssociate(c, ac, 0x21, false, (itemStart, end) -> {
            PresentationContextResult r = presentationContextAc(c, end);
            if (ac.presentationContextResult(r.id()) != null) {
                throw c.error(itemStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "duplicate presentation context id " + r.id());
            }
            ac.addPresentationContextResult(r);
        });
        return ac;
    }

    /** Decodes the presentation context item that starts at {@code itemStart} and ends at {@code end}. */
    @FunctionalInterface
    private interface ContextItemDecoder {
        void decode(int itemStart, int end) throws PduFormatException;
    }

    /**
     * The part A-ASSOCIATE-RQ and -AC share: the fixed fields, then exactly one application context item, the
     * presentation context items of {@code contextItemType} and exactly one user information item.
     */
    private static void decodeAssociate(Cursor c, AAssociate pdu, int contextItemType, boolean request,
            ContextItemDecoder contextItem) throws PduFormatException {
        fixedFields(c, pdu);
        boolean appContext = false;
        boolean userInfo = false;
        while (c.remaining() > 0) {
            int itemStart = c.pos;
            int type = c.u8();
            c.u8();
            int len = c.itemLength();
            int end = c.pos + len;
            if (type == 0x10) {
                if (appContext) {
                    throw c.error(itemStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER, "second application context item");
                }
                appContext = true;
                pdu.applicationContext(c.uid(len, "application context name"));
            } else if (type == contextItemType) {
                contextItem.decode(itemStart, end);
            } else if (type == 0x50) {
                if (userInfo) {
                    throw c.error(itemStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER, "second user information item");
                }
                userInfo = true;
                userInformation(c, end, pdu.userInformation(), request);
            } else {
                throw c.error(itemStart, AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                        String.format("unknown item type 0x%02X", type));
            }
            c.expectAt(end, itemStart);
        }
        if (!appContext) {
            throw c.error(c.pos, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "no application context item");
        }
        if (!userInfo) {
            throw c.error(c.pos, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "no user information item");
        }
    }

    public static AAssociateRj decodeAssociateRj(byte[] body, int length, String association) throws PduFormatException {
        Cursor c = new Cursor(body, length, PduType.A_ASSOCIATE_RJ, association);
        c.need(4, "reject fields");
        c.u8();
        int result = c.u8();
        int source = c.u8();
        int reason = c.u8();
        if (result != 1 && result != 2) {
            throw c.error(7, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "invalid result " + result);
        }
        if (source < 1 || source > 3) {
            throw c.error(8, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "invalid source " + source);
        }
        return new AAssociateRj(result, source, reason);
    }

    public static AAbort decodeAbort(byte[] body, int length, String association) throws PduFormatException {
        Cursor c = new Cursor(body, length, PduType.A_ABORT, association);
        c.need(4, "abort fields");
        c.u8();
        c.u8();
        return new AAbort(c.u8(), c.u8());
    }

    private static void fixedFields(Cursor c, AAssociate a) throws PduFormatException {
        c.need(FIXED_ASSOCIATE_FIELDS, "fixed fields");
        a.protocolVersion(c.u16());
        c.u16();
        String called = c.aeTitle("called AE title");
        String calling = c.aeTitle("calling AE title");
        a.calledAeTitle(called);
        a.callingAeTitle(calling);
        c.pos += 32;
    }

    private static PresentationContext presentationContextRq(Cursor c, int end) throws PduFormatException {
        int start = c.pos - 4;
        c.needUntil(end, 4, "presentation context fields");
        int id = c.u8();
        c.pos += 3;
        if ((id & 1) == 0) {
            throw c.error(start + 4, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "even presentation context id " + id);
        }
        String abstractSyntax = null;
        List<String> ts = new ArrayList<>();
        while (c.pos < end) {
            int subStart = c.pos;
            c.needUntil(end, 4, "sub-item header");
            int type = c.u8();
            c.u8();
            int len = c.u16();
            c.needUntil(end, len, "sub-item");
            if (type == 0x30) {
                if (abstractSyntax != null) {
                    throw c.error(subStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                            "second abstract syntax in presentation context " + id);
                }
                abstractSyntax = c.uid(len, "abstract syntax");
            } else if (type == 0x40) {
                ts.add(c.uid(len, "transfer syntax"));
            } else {
                throw c.error(subStart, AAbort.REASON_UNRECOGNIZED_PDU_PARAMETER,
                        String.format("unknown sub-item type 0x%02X in presentation context %d", type, id));
            }
        }
        if (abstractSyntax == null || ts.isEmpty()) {
            throw c.error(start, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "presentation context " + id + " lacks " + (abstractSyntax == null ? "an abstract syntax" : "a transfer syntax"));
        }
        return new PresentationContext(id, abstractSyntax, ts);
    }

    private static PresentationContextResult presentationContextAc(Cursor c, int end) throws PduFormatException {
        int start = c.pos - 4;
        c.needUntil(end, 4, "presentation context fields");
        int id = c.u8();
        c.u8();
        int result = c.u8();
        c.u8();
        if ((id & 1) == 0) {
            throw c.error(start + 4, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "even presentation context id " + id);
        }
        if (result > 4) {
            throw c.error(start + 6, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "invalid result/reason " + result);
        }
        String ts = null;
        while (c.pos < end) {
            int subStart = c.pos;
            c.needUntil(end, 4, "sub-item header");
            int type = c.u8();
            c.u8();
            int len = c.u16();
            c.needUntil(end, len, "sub-item");
            if (type != 0x40 || ts != null) {
                throw c.error(subStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                        String.format("unexpected sub-item type 0x%02X in presentation context %d", type, id));
            }
            // a rejected context may carry an empty or meaningless transfer syntax: only check accepted ones
            ts = result == PresentationContextResult.ACCEPTANCE ? c.uid(len, "transfer syntax") : c.ascii(len);
        }
        if (result == PresentationContextResult.ACCEPTANCE && ts == null) {
            throw c.error(start, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "accepted presentation context " + id + " lacks a transfer syntax");
        }
        return new PresentationContextResult(id, result, result == PresentationContextResult.ACCEPTANCE ? ts : null);
    }

    private static void userInformation(Cursor c, int end, UserInformation ui, boolean request) throws PduFormatException {
        while (c.pos < end) {
            int subStart = c.pos;
            c.needUntil(end, 4, "user information sub-item header");
            int type = c.u8();
            c.u8();
            int len = c.u16();
            c.needUntil(end, len, "user information sub-item");
            int subEnd = c.pos + len;
            switch (type) {
                case 0x51:
                    c.exactLength(subStart, len, 4, "maximum length");
                    ui.maxPduLength(c.u32());
                    break;
                case 0x52:
                    ui.implementationClassUid(c.uid(len, "implementation class UID"));
                    break;
                case 0x53:
                    c.exactLength(subStart, len, 4, "asynchronous operations window");
                    ui.asyncOperationsWindow(c.u16(), c.u16());
                    break;
                case 0x54: {
                    int uidLen = c.boundedLength(subEnd, 2, subStart, "SOP class UID length");
                    String uid = c.uid(uidLen, "role selection SOP class UID");
                    c.exactLength(subStart, subEnd - c.pos, 2, "role selection flags");
                    int scu = c.u8();
                    int scp = c.u8();
                    if (scu > 1 || scp > 1) {
                        throw c.error(subStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "role selection flag not 0 or 1");
                    }
                    ui.roleSelections().add(new RoleSelection(uid, scu == 1, scp == 1));
                    break;
                }
                case 0x55:
                    if (len < 1 || len > 16) {
                        throw c.error(subStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                                "implementation version name of " + len + " bytes (1..16 allowed)");
                    }
                    ui.implementationVersionName(c.ascii(len).strip());
                    break;
                case 0x56: {
                    int uidLen = c.boundedLength(subEnd, 2, subStart, "SOP class UID length");
                    String uid = c.uid(uidLen, "extended negotiation SOP class UID");
                    byte[] info = c.bytes(subEnd - c.pos);
                    ui.extendedNegotiations().add(new ExtendedNegotiation(uid, info));
                    break;
                }
                case 0x57: {
                    if (!request) {
                        throw c.error(subStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                                "common extended negotiation in an acceptance");
                    }
                    String sop = c.uid(c.boundedLength(subEnd, 2, subStart, "SOP class UID length"), "SOP class UID");
                    String service = c.uid(c.boundedLength(subEnd, 2, subStart, "service class UID length"),
                            "service class UID");
                    int relLen = c.boundedLength(subEnd, 2, subStart, "related general SOP class length");
                    int relEnd = c.pos + relLen;
                    List<String> related = new ArrayList<>();
                    while (c.pos < relEnd) {
                        related.add(c.uid(c.boundedLength(relEnd, 2, subStart, "related SOP class UID length"),
                                "related general SOP class UID"));
                    }
                    ui.commonExtendedNegotiations().add(new CommonExtendedNegotiation(sop, service, related));
                    break;
                }
                case 0x58: {
                    if (!request) {
                        throw c.error(subStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER, "user identity request in an acceptance");
                    }
                    c.needUntil(subEnd, 2, "user identity type");
                    int idType = c.u8();
                    int positive = c.u8();
                    byte[] primary = c.bytes(c.boundedLength(subEnd, 2, subStart, "primary field length"));
                    byte[] secondary = c.bytes(c.boundedLength(subEnd, 2, subStart, "secondary field length"));
                    if (idType < 1 || idType > 5) {
                        throw c.error(subStart + 4, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "user identity type " + idType);
                    }
                    ui.userIdentity(new UserIdentity(idType, positive == 1, primary, secondary));
                    break;
                }
                case 0x59: {
                    if (request) {
                        throw c.error(subStart, AAbort.REASON_UNEXPECTED_PDU_PARAMETER, "user identity response in a request");
                    }
                    ui.userIdentityResponse(new UserIdentityResponse(
                            c.bytes(c.boundedLength(subEnd, 2, subStart, "server response length"))));
                    break;
                }
                default:
                    // PS3.7 D.3.3: user information is extensible; an unknown sub-item is skipped, not fatal
                    LOG.log(System.Logger.Level.DEBUG, "{0}: skipping unknown user information sub-item 0x{1} at byte {2}",
                            c.association, Integer.toHexString(type), subStart);
                    c.pos = subEnd;
            }
            c.expectAt(subEnd, subStart);
        }
    }

    /** Bounds-checked reader over a PDU body. */
    private static final class Cursor {
        final byte[] b;
        final int end;
        final int pduType;
        final String association;
        int pos;

        Cursor(byte[] b, int length, int pduType, String association) {
            this.b = b;
            this.end = length;
            this.pduType = pduType;
            this.association = association;
        }

        int remaining() {
            return end - pos;
        }

        PduFormatException error(int bodyOffset, int reason, String problem) {
            return new PduFormatException(association, pduType, bodyOffset + 6L, reason, problem);
        }

        void need(int n, String what) throws PduFormatException {
            if (n < 0 || remaining() < n) {
                throw error(pos, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " needs " + n + " bytes, " + remaining() + " left in PDU");
            }
        }

        void needUntil(int limit, int n, String what) throws PduFormatException {
            if (n < 0 || limit - pos < n) {
                throw error(pos, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " needs " + n + " bytes, " + (limit - pos) + " left in the enclosing item");
            }
        }

        /** Reads an item length and checks it fits the PDU. */
        int itemLength() throws PduFormatException {
            need(2, "item length");
            int len = u16();
            if (len > remaining()) {
                throw error(pos - 4, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "item length " + len + " exceeds the " + remaining() + " bytes left in PDU");
            }
            return len;
        }

        /** Reads a 2-byte length prefix and checks the field fits before {@code limit}. */
        int boundedLength(int limit, int n, int itemStart, String what) throws PduFormatException {
            needUntil(limit, n, what);
            int len = u16();
            if (len > limit - pos) {
                throw error(itemStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " " + len + " exceeds the " + (limit - pos) + " bytes left in the sub-item");
            }
            return len;
        }

        void exactLength(int itemStart, int len, int expected, String what) throws PduFormatException {
            if (len != expected) {
                throw error(itemStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " has length " + len + ", expected " + expected);
            }
        }

        void expectAt(int itemEnd, int itemStart) throws PduFormatException {
            if (pos != itemEnd) {
                throw error(itemStart, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "item contents end at byte " + (pos + 6) + " but its length says " + (itemEnd + 6));
            }
        }

        int u8() {
            return b[pos++] & 0xFF;
        }

        int u16() {
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32() {
            long v = ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
                    | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        byte[] bytes(int n) {
            byte[] v = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return v;
        }

        String ascii(int n) {
            String s = new String(b, pos, n, StandardCharsets.US_ASCII);
            pos += n;
            return s;
        }

        String aeTitle(String what) throws PduFormatException {
            int start = pos;
            String s = ascii(16);
            String t = stripPadding(s).strip();
            if (t.isEmpty()) {
                throw error(start, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, what + " is empty");
            }
            for (int i = 0; i < t.length(); i++) {
                char ch = t.charAt(i);
                if (ch < 0x20 || ch > 0x7E || ch == '\\') {
                    throw error(start, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, what + " has an invalid character");
                }
            }
            return t;
        }

        /** A UID of 1..64 characters, digits and dots; trailing NUL or space padding is tolerated. */
        String uid(int n, String what) throws PduFormatException {
            int start = pos;
            String s = stripPadding(ascii(n));
            if (s.isEmpty() || s.length() > 64) {
                throw error(start, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        what + " has length " + s.length() + " (1..64 allowed)");
            }
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if ((ch < '0' || ch > '9') && ch != '.') {
                    throw error(start, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, what + " is not a UID: '"
                            + s.replaceAll("[^\\x20-\\x7E]", "?") + "'");
                }
            }
            return s;
        }

        private static String stripPadding(String s) {
            int e = s.length();
            while (e > 0 && (s.charAt(e - 1) == 0 || s.charAt(e - 1) == ' ')) {
                e--;
            }
            return s.substring(0, e);
        }
    }
}
