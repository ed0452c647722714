package org.lightbox.dicom.core.charset;

import java.util.Arrays;

import org.lightbox.dicom.core.VR;

/**
 * Decoder and encoder of values that use ISO 2022 code extensions (PS3.5 6.1.2.5 and annexes H, I, K). Escape
 * sequences designate code elements to G0 (GL bytes 0x21..0x7E) or G1 (GR bytes 0xA0..0xFF). The code elements of
 * value 1 of Specific Character Set are active at the start of a value and again after each delimiter: the value
 * delimiter '\', for PN the component group '=' and component '^' delimiters, and every control character
 * (CR, LF, FF, TAB for the text VRs). Stateless between calls; thread-safe.
 */
final class Iso2022Codec {

    private final CodeElement initialG0;
    private final CodeElement initialG1;
    /**
     * G1 assumed by the decoder at the start and after delimiters: the initial G1, or when value 1 has none, the
     * first declared G1 set, so that files which designate it only once per value still decode.
     */
    private final CodeElement decodeG1;
    /** Declared code elements in preference order for encoding; always contains a single-byte G0 set. */
    private final CodeElement[] declared;

    Iso2022Codec(CodeElement initialG0, CodeElement initialG1, CodeElement[] declared) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.declared = declared.clone();
        CodeElement fallback = initialG1;
        for (CodeElement e : declared) {
            if (fallback == null && e.isG1()) {
                fallback = e;
            }
        }
        this.decodeG1 = fallback;
    }

    /** True when {@code c} (ASCII) makes the initial code elements active again (PS3.5 6.1.2.5.3). */
    static boolean isDelimiter(char c, VR vr) {
        if (c < 0x20) {
            return c != CodeElement.ESC;
        }
        switch (c) {
            case '\\':
                return vr != VR.LT && vr != VR.ST && vr != VR.UT; // single-valued text: a plain character
            case '^':
            case '=':
                return vr == VR.PN;
            default:
                return false;
        }
    }

    String decode(byte[] b, int off, int len, VR vr) {
        StringBuilder sb = new StringBuilder(len);
        CodeElement g0 = initialG0;
        CodeElement g1 = decodeG1;
        int end = off + len;
        int i = off;
        while (i < end) {
            int v = b[i] & 0xFF;
            if (v == CodeElement.ESC) {
                CodeElement e = CodeElement.ofEscape(b, i, end);
                if (e == null) {
                    sb.append((char) v); // unknown escape: keep it visible rather than guess
                    i++;
                } else {
                    if (e.isG1()) {
                        g1 = e;
                    } else {
                        g0 = e;
                    }
                    i += CodeElement.escapeLength(b, i, end, e);
                }
            } else if (v >= 0x80) {
                if (g1 == null) {
                    sb.append((char) v); // no G1 set designated: read the byte as Latin-1 rather than drop it
                    i++;
                } else if (g1.isMultiByte()) {
                    int j = i;
                    while (j < end && b[j] < 0) {
                        j++;
                    }
                    g1.decodeDouble(b, i, j - i, sb);
                    i = j;
                } else {
                    sb.append(g1.decodeHigh(v));
                    i++;
                }
            } else if (g0.isMultiByte() && v > 0x20 && v < 0x7F) {
                int j = i;
                while (j < end && b[j] > 0x20 && b[j] < 0x7F) {
                    j++;
                }
                g0.decodeDouble(b, i, j - i, sb);
                i = j;
            } else {
                char c = (char) v;
                sb.append(c);
                i++;
                if (isDelimiter(c, vr)) {
                    g0 = initialG0;
                    g1 = decodeG1;
                }
            }
        }
        return sb.toString();
    }

    byte[] encode(String s, VR vr) {
        Output out = new Output(s.length() + 16);
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (g1 != null && writeIn(g1, c, out)) {
                    continue;
                }
                if (g0.isMultiByte() && writeIn(g0, c, out)) {
                    continue;
                }
                CodeElement e = firstEncoding(c, g0, g1);
                if (e != null) {
                    out.write(e.escape());
                    if (e.isG1()) {
                        g1 = e;
                    } else {
                        g0 = e;
                    }
                    writeIn(e, c, out);
                    continue;
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // one replacement per code point
                }
                c = '?'; // no declared set has the character
            }
            if (c < 0x20 || c == 0x7F || isDelimiter(c, vr)) {
                // the initial code elements must be active before delimiters and controls
                if (g0 != initialG0) {
                    out.write(initialG0.escape());
                    g0 = initialG0;
                }
                if (g1 != initialG1) {
                    if (initialG1 != null) {
                        out.write(initialG1.escape());
                    }
                    g1 = initialG1;
                }
            } else if (g0.isMultiByte() && c != ' ') {
                CodeElement e = firstSingleByteG0();
                out.write(e.escape());
                g0 = e;
            }
            out.write(c);
        }
        // end of value: back to the initial G0, as the standard's examples end
        if (g0 != initialG0) {
            out.write(initialG0.escape());
        }
        if (g1 != initialG1 && initialG1 != null) {
            out.write(initialG1.escape());
        }
        return out.toByteArray();
    }

    /** True when a declared code element has {@code c}. */
    boolean canEncode(char c) {
        return c < 0x80 || firstEncoding(c, null, null) != null;
    }

    private CodeElement firstEncoding(char c, CodeElement g0, CodeElement g1) {
        for (CodeElement e : declared) {
            if (e == g0 || e == g1 || e == CodeElement.ASCII || e == CodeElement.JIS_X0201_ROMAN) {
                continue;
            }
            if (e.isMultiByte() ? e.encodeDouble(c) >= 0 : e.encodeHigh(c) >= 0) {
                return e;
            }
        }
        return null;
    }

    private CodeElement firstSingleByteG0() {
        for (CodeElement e : declared) {
            if (e == CodeElement.ASCII || e == CodeElement.JIS_X0201_ROMAN) {
                return e;
            }
        }
        return CodeElement.ASCII;
    }

    private static boolean writeIn(CodeElement e, char c, Output out) {
        if (e.isMultiByte()) {
            int code = e.encodeDouble(c);
            if (code < 0) {
                return false;
            }
            int gr = e.isG1() ? 0x80 : 0;
            out.write((code >>> 8) | gr);
            out.write((code & 0xFF) | gr);
            return true;
        }
        int v = e.encodeHigh(c);
        if (v < 0) {
            return false;
        }
        out.write(v);
        return true;
    }

    /** A growable byte array without the synchronisation of ByteArrayOutputStream. */
    private static final class Output {
        private byte[] buf;
        private int size;

        Output(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        void write(byte[] b) {
            for (byte x : b) {
                write(x);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
