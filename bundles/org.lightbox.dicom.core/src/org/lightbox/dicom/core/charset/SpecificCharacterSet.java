package org.lightbox.dicom.core.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lightbox.dicom.core.VR;

/**
 * The character repertoire(s) of a data set, from the values of (0008,0005) Specific Character Set (PS3.3
 * C.12.1.1.2, PS3.5 section 6.1). Decodes and encodes the values of the VRs whose text is affected (SH, LO, ST, LT,
 * UC, UT, PN). Without code extensions a value is one JDK charset call; with ISO 2022 code extensions the escape
 * sequences are interpreted and emitted per the standard. Immutable and thread-safe.
 *
 * <p>Values of several VRs (PN, LO, ...) are split on '\' only after decoding: in GBK, GB18030 and the two-byte
 * ISO 2022 sets the byte 0x5C can be part of a character.
 *
 * <p>Leniency: the default repertoire decodes and encodes bytes above 0x7F as ISO 8859-1 (so that undeclared
 * Latin-1 text is neither lost nor altered); an ISO 2022 decoder accepts designations of any set it knows, declared
 * or not; characters no declared set can encode become '?'.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6), used when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[] { "" },
            StandardCharsets.ISO_8859_1, null, false);

    /** A defined term: the code elements it brings, or the plain charset of a term without code extensions. */
    private record Term(CodeElement g0, CodeElement g1, boolean iso2022, String charset) {

        /** The JDK charset that decodes a whole value of this term alone, or null when escapes must be tracked. */
        Charset plainCharset() {
            if (charset != null) {
                return Charset.forName(charset);
            }
            return !iso2022 && g1 != null && g1 != CodeElement.JIS_X0201_KATAKANA ? g1.charset() : null;
        }
    }

    private static final Map<String, Term> TERMS = Map.ofEntries(
            Map.entry("ISO_IR 6", new Term(CodeElement.ASCII, null, false, "ISO-8859-1")),
            single("ISO_IR 100", CodeElement.LATIN1), single("ISO_IR 101", CodeElement.LATIN2),
            single("ISO_IR 109", CodeElement.LATIN3), single("ISO_IR 110", CodeElement.LATIN4),
            single("ISO_IR 144", CodeElement.CYRILLIC), single("ISO_IR 127", CodeElement.ARABIC),
            single("ISO_IR 126", CodeElement.GREEK), single("ISO_IR 138", CodeElement.HEBREW),
            single("ISO_IR 148", CodeElement.LATIN5), single("ISO_IR 166", CodeElement.THAI),
            single("ISO_IR 203", CodeElement.LATIN9),
            Map.entry("ISO_IR 13", new Term(CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA, false, null)),
            Map.entry("ISO_IR 192", new Term(null, null, false, "UTF-8")),
            Map.entry("GB18030", new Term(null, null, false, "GB18030")),
            Map.entry("GBK", new Term(null, null, false, "GBK")),
            Map.entry("ISO 2022 IR 6", new Term(CodeElement.ASCII, null, true, null)),
            extension("ISO 2022 IR 100", CodeElement.LATIN1), extension("ISO 2022 IR 101", CodeElement.LATIN2),
            extension("ISO 2022 IR 109", CodeElement.LATIN3), extension("ISO 2022 IR 110", CodeElement.LATIN4),
            extension("ISO 2022 IR 144", CodeElement.CYRILLIC), extension("ISO 2022 IR 127", CodeElement.ARABIC),
            extension("ISO 2022 IR 126", CodeElement.GREEK), extension("ISO 2022 IR 138", CodeElement.HEBREW),
            extension("ISO 2022 IR 148", CodeElement.LATIN5), extension("ISO 2022 IR 166", CodeElement.THAI),
            extension("ISO 2022 IR 203", CodeElement.LATIN9),
            Map.entry("ISO 2022 IR 13",
                    new Term(CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA, true, null)),
            Map.entry("ISO 2022 IR 87", new Term(CodeElement.JIS_X0208, null, true, null)),
            Map.entry("ISO 2022 IR 159", new Term(CodeElement.JIS_X0212, null, true, null)),
            Map.entry("ISO 2022 IR 149", new Term(null, CodeElement.KS_X1001, true, null)),
            Map.entry("ISO 2022 IR 58", new Term(null, CodeElement.GB2312, true, null)));

    private static Map.Entry<String, Term> single(String term, CodeElement g1) {
        return Map.entry(term, new Term(CodeElement.ASCII, g1, false, null));
    }

    private static Map.Entry<String, Term> extension(String term, CodeElement g1) {
        return Map.entry(term, new Term(CodeElement.ASCII, g1, true, null));
    }

    /** Instances of the combinations seen, bounded: (0008,0005) comes from untrusted files. */
    private static final Map<String, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 64;

    private final String[] terms;
    /** The whole-value charset when no code extension is in use, else null. */
    private final Charset charset;
    /** The ISO 2022 codec when code elements must be tracked (code extensions, or ISO_IR 13), else null. */
    private final Iso2022Codec codec;
    private final boolean iso2022;

    private SpecificCharacterSet(String[] terms, Charset charset, Iso2022Codec codec, boolean iso2022) {
        this.terms = terms;
        this.charset = charset;
        this.codec = codec;
        this.iso2022 = iso2022;
    }

    /**
     * The character set of the values of (0008,0005). No value, or a single empty or "ISO_IR 6" value, is the
     * default repertoire; an empty value 1 among several means ISO 2022 IR 6. Values are trimmed.
     *
     * @throws IllegalArgumentException naming the term when a value is not a defined term this class supports
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms == null || definedTerms.length == 0) {
            return DEFAULT;
        }
        String[] t = new String[definedTerms.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = definedTerms[i] == null ? "" : definedTerms[i].strip();
        }
        if (t.length == 1 && (t[0].isEmpty() || t[0].equals("ISO_IR 6"))) {
            return DEFAULT;
        }
        String key = String.join("\\", t);
        SpecificCharacterSet cs = CACHE.get(key);
        if (cs == null) {
            cs = create(t);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.putIfAbsent(key, cs);
            }
        }
        return cs;
    }

    private static SpecificCharacterSet create(String[] t) {
        Term[] parsed = new Term[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i].isEmpty()) { // empty value 1 is ISO 2022 IR 6; a later empty value adds nothing
                parsed[i] = TERMS.get("ISO 2022 IR 6");
                continue;
            }
            parsed[i] = TERMS.get(t[i]);
            if (parsed[i] == null) {
                throw new IllegalArgumentException("unsupported Specific Character Set (0008,0005) value " + (i + 1)
                        + ": '" + t[i] + "'");
            }
        }
        Term first = parsed[0];
        if (first.g0() == null && first.g1() == null) {
            // UTF-8, GB18030, GBK: the standard forbids code extensions with them, so further values are ignored
            return new SpecificCharacterSet(t, first.plainCharset(), null, false);
        }
        boolean anyIso2022 = false;
        for (Term term : parsed) {
            anyIso2022 |= term.iso2022();
        }
        if (t.length == 1 && first.plainCharset() != null) {
            return new SpecificCharacterSet(t, first.plainCharset(), null, false);
        }
        List<CodeElement> declared = new ArrayList<>();
        for (Term term : parsed) {
            if (term.g0() == null && term.g1() == null) {
                continue; // UTF-8 or GB18030 after value 1: cannot take part in code extension
            }
            addOnce(declared, term.g0());
            addOnce(declared, term.g1());
        }
        addOnce(declared, CodeElement.ASCII); // ISO-IR 6 is always available as G0
        // a two-byte G0 set as value 1 is not allowed (PS3.5 6.1.2.5.3); start such values in ASCII
        CodeElement g0 = first.g0() != null && !first.g0().isMultiByte() ? first.g0() : CodeElement.ASCII;
        Iso2022Codec codec = new Iso2022Codec(g0, first.g1(), declared.toArray(new CodeElement[0]));
        return new SpecificCharacterSet(t, null, codec, anyIso2022);
    }

    private static void addOnce(List<CodeElement> list, CodeElement e) {
        if (e != null && !list.contains(e)) {
            list.add(e);
        }
    }

    /**
     * Decodes {@code len} bytes of a value of VR {@code vr} (null is taken as LO). The VR matters only with code
     * extensions, where it decides which characters are delimiters that reset the code elements.
     */
    public String decode(byte[] b, int off, int len, VR vr) {
        if (charset != null) {
            return new String(b, off, len, charset);
        }
        return codec.decode(b, off, len, vr == null ? VR.LO : vr);
    }

    /** Encodes {@code value} of VR {@code vr} (null is taken as LO); characters no declared set has become '?'. */
    public byte[] encode(String value, VR vr) {
        if (charset != null) {
            return value.getBytes(charset);
        }
        return codec.encode(value, vr == null ? VR.LO : vr);
    }

    /** True when every character of {@code value} can be encoded without replacement. */
    public boolean canEncode(String value) {
        if (charset != null) {
            return charset.newEncoder().canEncode(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 && !codec.canEncode(c)) {
                return false;
            }
        }
        return true;
    }

    /** The defined terms this character set was made of (trimmed), {@code [""]} for the default. */
    public String[] definedTerms() {
        return terms.clone();
    }

    /** True when a defined term of ISO 2022 code extension ("ISO 2022 IR nnn") is among the values. */
    public boolean containsIso2022() {
        return iso2022;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && Arrays.equals(terms, ((SpecificCharacterSet) o).terms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(terms);
    }

    @Override
    public String toString() {
        return String.join("\\", terms);
    }
}
