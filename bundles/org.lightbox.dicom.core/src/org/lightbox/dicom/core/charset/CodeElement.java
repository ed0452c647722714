package org.lightbox.dicom.core.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The ISO 2022 code elements of PS3.5 tables C.12-3 and C.12-4: which register (G0 or G1) a set is designated to,
 * by which escape sequence, with how many bytes per character, and the JDK charset that holds its mapping.
 * Single-byte G1 sets decode through a 128-entry table taken once from the JDK charset; multi-byte sets go through
 * the EUC form of the JDK charset (EUC-JP for JIS X 0208 / 0212, EUC-KR for KS X 1001, GB2312 for GB 2312), whose
 * bytes are the set's code points with the high bit set.
 */
enum CodeElement {
    /** ISO-IR 6, the default repertoire. */
    ASCII(false, 1, "(B", null),
    /** ISO-IR 14, JIS X 0201 Romaji: ASCII except yen at 5/12 and overline at 7/14, treated as ASCII. */
    JIS_X0201_ROMAN(false, 1, "(J", null),
    /** ISO-IR 13, JIS X 0201 half-width Katakana in 0xA1..0xDF. */
    JIS_X0201_KATAKANA(true, 1, ")I", null),
    LATIN1(true, 1, "-A", "ISO-8859-1"),
    LATIN2(true, 1, "-B", "ISO-8859-2"),
    LATIN3(true, 1, "-C", "ISO-8859-3"),
    LATIN4(true, 1, "-D", "ISO-8859-4"),
    CYRILLIC(true, 1, "-L", "ISO-8859-5"),
    ARABIC(true, 1, "-G", "ISO-8859-6"),
    GREEK(true, 1, "-F", "ISO-8859-7"),
    HEBREW(true, 1, "-H", "ISO-8859-8"),
    LATIN5(true, 1, "-M", "ISO-8859-9"),
    /** ISO-IR 166, TIS 620-2533 (ISO 8859-11 is the same set with NBSP at 0xA0). */
    THAI(true, 1, "-T", "x-iso-8859-11"),
    LATIN9(true, 1, "-b", "ISO-8859-15"),
    /** ISO-IR 87, JIS X 0208 kanji, kana and symbols, two bytes in G0. */
    JIS_X0208(false, 2, "$B", "EUC-JP"),
    /** ISO-IR 159, JIS X 0212 supplementary kanji, two bytes in G0 (EUC-JP code set 3 after SS3). */
    JIS_X0212(false, 2, "$(D", "EUC-JP"),
    /** ISO-IR 149, KS X 1001 Hangul and Hanja, two bytes in G1. */
    KS_X1001(true, 2, "$)C", "EUC-KR"),
    /** ISO-IR 58, GB 2312 simplified Chinese, two bytes in G1. */
    GB2312(true, 2, "$)A", "GB2312");

    static final byte ESC = 0x1B;

    private final boolean g1;
    private final int bytesPerChar;
    private final byte[] escape;
    private final String charsetName;
    private volatile Charset charset;
    private volatile char[] highTable;
    private volatile byte[] encodeTable;

    CodeElement(boolean g1, int bytesPerChar, String escapeTail, String charsetName) {
        this.g1 = g1;
        this.bytesPerChar = bytesPerChar;
        this.escape = ((char) ESC + escapeTail).getBytes(StandardCharsets.US_ASCII);
        this.charsetName = charsetName;
    }

    /** True for G1 (bytes 0xA0..0xFF, GR), false for G0 (bytes 0x21..0x7E, GL). */
    boolean isG1() {
        return g1;
    }

    boolean isMultiByte() {
        return bytesPerChar == 2;
    }

    /** The designating escape sequence, ESC included. */
    byte[] escape() {
        return escape;
    }

    /** The code element designated by the escape sequence at {@code b[off]} (an ESC), or null if unknown. */
    static CodeElement ofEscape(byte[] b, int off, int end) {
        for (CodeElement e : values()) {
            byte[] esc = e.escape;
            if (regionMatches(b, off, end, esc)) {
                return e;
            }
        }
        // older or longer designations of JIS X 0208 seen in the field: ESC $ @ (JIS C 6226-1978), ESC $ ( B
        if (regionMatches(b, off, end, OLD_JIS_X0208) || regionMatches(b, off, end, LONG_JIS_X0208)) {
            return JIS_X0208;
        }
        return null;
    }

    /** Length of the escape sequence recognised by {@link #ofEscape} at {@code b[off]}. */
    static int escapeLength(byte[] b, int off, int end, CodeElement e) {
        if (e == JIS_X0208 && regionMatches(b, off, end, LONG_JIS_X0208)) {
            return LONG_JIS_X0208.length;
        }
        return e.escape.length;
    }

    private static final byte[] OLD_JIS_X0208 = { ESC, '$', '@' };
    private static final byte[] LONG_JIS_X0208 = { ESC, '$', '(', 'B' };

    private static boolean regionMatches(byte[] b, int off, int end, byte[] esc) {
        if (end - off < esc.length) {
            return false;
        }
        for (int i = 0; i < esc.length; i++) {
            if (b[off + i] != esc[i]) {
                return false;
            }
        }
        return true;
    }

    Charset charset() {
        Charset cs = charset;
        if (cs == null && charsetName != null) {
            // a JDK without ISO 8859-11 still has TIS-620, the same set without NBSP
            cs = this == THAI && !Charset.isSupported(charsetName) ? Charset.forName("TIS-620")
                    : Charset.forName(charsetName);
            charset = cs;
        }
        return cs;
    }

    /** For single-byte G1 sets: the character of byte {@code b} (0x80..0xFF), U+FFFD where the set has none. */
    char decodeHigh(int b) {
        char[] t = highTable;
        if (t == null) {
            t = buildHighTable();
        }
        return t[b & 0x7F];
    }

    /** For single-byte G1 sets: the byte (0x80..0xFF) of character {@code c}, or -1 when the set lacks it. */
    int encodeHigh(char c) {
        if (this == JIS_X0201_KATAKANA) {
            return c >= '\uFF61' && c <= '\uFF9F' ? c - 0xFF61 + 0xA1 : -1;
        }
        byte[] t = encodeTable;
        if (t == null) {
            t = buildEncodeTable();
        }
        if (c >= t.length) {
            return -1;
        }
        int v = t[c] & 0xFF;
        return v == 0 ? -1 : v;
    }

    private char[] buildHighTable() {
        char[] t = new char[128];
        if (this == JIS_X0201_KATAKANA) {
            for (int b = 0x80; b < 0x100; b++) {
                t[b - 0x80] = b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : '\uFFFD';
            }
        } else {
            byte[] all = new byte[128];
            for (int i = 0; i < 128; i++) {
                all[i] = (byte) (0x80 + i);
            }
            // one JDK decode of all 128 high bytes; unmapped bytes come back as U+FFFD
            String s = new String(all, charset());
            s.getChars(0, 128, t, 0);
        }
        highTable = t;
        return t;
    }

    private byte[] buildEncodeTable() {
        char[] high = highTable != null ? highTable : buildHighTable();
        int max = 0;
        for (char c : high) {
            if (c != '\uFFFD') {
                max = Math.max(max, c);
            }
        }
        byte[] t = new byte[max + 1];
        for (int i = 0; i < 128; i++) {
            char c = high[i];
            if (c != '\uFFFD' && c >= 0xA0) { // C1 controls (0x80..0x9F) are not characters of a G1 set
                t[c] = (byte) (0x80 + i);
            }
        }
        encodeTable = t;
        return t;
    }

    /**
     * For two-byte sets: the two bytes of character {@code c} in this set, high bits clear (GL form, 0x21..0x7E),
     * packed as {@code (b1 << 8) | b2}; -1 when the set lacks it.
     */
    int encodeDouble(char c) {
        byte[] b = String.valueOf(c).getBytes(charset());
        switch (this) {
            case JIS_X0208:
            case KS_X1001:
            case GB2312:
                if (b.length == 2 && isEucByte(b[0]) && isEucByte(b[1])) {
                    return ((b[0] & 0x7F) << 8) | (b[1] & 0x7F);
                }
                return -1;
            case JIS_X0212:
                if (b.length == 3 && (b[0] & 0xFF) == 0x8F && isEucByte(b[1]) && isEucByte(b[2])) {
                    return ((b[1] & 0x7F) << 8) | (b[2] & 0x7F);
                }
                return -1;
            default:
                throw new IllegalStateException(this + " is not a two-byte set");
        }
    }

    private static boolean isEucByte(byte b) {
        int v = b & 0xFF;
        return v >= 0xA1 && v <= 0xFE;
    }

    /**
     * Decodes {@code n} bytes of two-byte characters (either GL or GR form) to {@code out}. An odd trailing byte
     * becomes U+FFFD.
     */
    void decodeDouble(byte[] b, int off, int n, StringBuilder out) {
        int pairs = n / 2;
        if (pairs > 0) {
            boolean g3 = this == JIS_X0212;
            byte[] euc = new byte[pairs * (g3 ? 3 : 2)];
            int j = 0;
            for (int i = 0; i < pairs * 2; i += 2) {
                if (g3) {
                    euc[j++] = (byte) 0x8F;
                }
                euc[j++] = (byte) (b[off + i] | 0x80);
                euc[j++] = (byte) (b[off + i + 1] | 0x80);
            }
            out.append(new String(euc, charset()));
        }
        if ((n & 1) != 0) {
            out.append('\uFFFD');
        }
    }
}
