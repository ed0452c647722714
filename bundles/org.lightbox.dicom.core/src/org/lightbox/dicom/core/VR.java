package org.lightbox.dicom.core;

/**
 * Value Representations of PS3.5 table 6.2-1, with the facts the encoders need: the two-letter code,
 * whether the explicit-VR header uses the long (4-byte) length form, the padding byte, and the value kind.
 */
public enum VR {
    AE(Kind.STRING, false, ' ', 16), AS(Kind.STRING, false, ' ', 4), AT(Kind.BINARY, false, 0, 4),
    CS(Kind.STRING, false, ' ', 16), DA(Kind.STRING, false, ' ', 8), DS(Kind.STRING, false, ' ', 16),
    DT(Kind.STRING, false, ' ', 26), FD(Kind.BINARY, false, 0, 8), FL(Kind.BINARY, false, 0, 4),
    IS(Kind.STRING, false, ' ', 12), LO(Kind.TEXT, false, ' ', 64), LT(Kind.TEXT, false, ' ', 10240),
    OB(Kind.BULK, true, 0, 0), OD(Kind.BULK, true, 0, 0), OF(Kind.BULK, true, 0, 0),
    OL(Kind.BULK, true, 0, 0), OV(Kind.BULK, true, 0, 0), OW(Kind.BULK, true, 0, 0),
    PN(Kind.TEXT, false, ' ', 64), SH(Kind.TEXT, false, ' ', 16), SL(Kind.BINARY, false, 0, 4),
    SQ(Kind.SEQUENCE, true, 0, 0), SS(Kind.BINARY, false, 0, 2), ST(Kind.TEXT, false, ' ', 1024),
    SV(Kind.BINARY, true, 0, 8), TM(Kind.STRING, false, ' ', 14), UC(Kind.TEXT, true, ' ', 0),
    UI(Kind.STRING, false, 0, 64), UL(Kind.BINARY, false, 0, 4), UN(Kind.BULK, true, 0, 0),
    UR(Kind.STRING, true, ' ', 0), US(Kind.BINARY, false, 0, 2), UT(Kind.TEXT, true, ' ', 0),
    UV(Kind.BINARY, true, 0, 8);

    /** How a value of this VR is interpreted. */
    public enum Kind {
        /** Character string in the default repertoire (never affected by Specific Character Set). */
        STRING,
        /** Character string whose bytes are decoded with the data set's Specific Character Set. */
        TEXT,
        /** Fixed-size binary numbers (or attribute tags for AT). */
        BINARY,
        /** Other-byte/word/... values: potentially large, candidates for bulk data by reference. */
        BULK,
        /** Sequence of items. */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean longHeader;
    private final int paddingByte;
    private final int sizeHint;

    VR(Kind kind, boolean longHeader, int paddingByte, int sizeHint) {
        this.kind = kind;
        this.longHeader = longHeader;
        this.paddingByte = paddingByte;
        this.sizeHint = sizeHint;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the explicit-VR element header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** The byte used to pad values to even length: space for strings, NUL for UI and binary. */
    public int paddingByte() {
        return paddingByte;
    }

    /**
     * For string VRs the maximum value length in characters, for binary VRs the size of one value in bytes,
     * 0 where the standard sets no fixed bound.
     */
    public int sizeHint() {
        return sizeHint;
    }

    public boolean isStringLike() {
        return kind == Kind.STRING || kind == Kind.TEXT;
    }

    /** The two ASCII bytes of the VR code packed big-endian, as they appear in an explicit-VR header. */
    public int code() {
        String n = name();
        return (n.charAt(0) << 8) | n.charAt(1);
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    /** The VR for the two header bytes {@code code} (big-endian packed), or {@code null} if not a VR. */
    public static VR ofCode(int code) {
        return (code & ~0xFFFF) == 0 ? BY_CODE[code] : null;
    }

    /** The VR named {@code s} ("PN"), or {@code null} when {@code s} is not a VR code. */
    public static VR of(String s) {
        return s != null && s.length() == 2 ? ofCode((s.charAt(0) << 8) | s.charAt(1)) : null;
    }
}
