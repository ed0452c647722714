package org.lightbox.dicom.core.dict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lightbox.dicom.core.VR;

/**
 * Parses the generated dictionary resources: UTF-8 lines of tab-separated fields, '#' comment lines. A scanner over
 * the bytes (hex and VR fields decoded in place, no regex, no split, no lambdas) keeps the cold load of ~5,000
 * rows to a few milliseconds, most of it interpreted code before the JIT starts.
 */
final class DictionaryResourceParser {

    private final byte[] data;
    private final String source;
    private int pos;
    private int lineNo;

    private DictionaryResourceParser(byte[] data, String source) {
        this.data = data;
        this.source = source;
    }

    /** Rows of {@code data-dictionary.txt}: tag, mask, keyword, VRs ('/'-separated), VM, R|-, name. */
    static List<DictionaryEntry> parse(byte[] data, String source) {
        DictionaryResourceParser p = new DictionaryResourceParser(data, source);
        List<DictionaryEntry> result = new ArrayList<>(5200);
        Map<String, String> vms = new HashMap<>();
        while (p.nextRow()) {
            int tag = p.hexField();
            int mask = p.hexField();
            String keyword = p.textField();
            List<VR> vrs = p.vrField();
            String vm = p.textField();
            String interned = vms.putIfAbsent(vm, vm);
            boolean retired = p.flagField();
            String name = p.lastField();
            result.add(new DictionaryEntry(tag, mask, keyword, name, vrs, interned != null ? interned : vm, retired));
        }
        return result;
    }

    /** Rows of {@code uid-registry.txt}: uid, keyword, UidType, R|-, name. */
    static List<UidEntry> parseUids(byte[] data, String source) {
        DictionaryResourceParser p = new DictionaryResourceParser(data, source);
        List<UidEntry> result = new ArrayList<>(512);
        while (p.nextRow()) {
            String uid = p.textField();
            String keyword = p.textField();
            String type = p.textField();
            boolean retired = p.flagField();
            String name = p.lastField();
            UidType t;
            try {
                t = UidType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw p.error("unknown UID type " + type);
            }
            result.add(new UidEntry(uid, keyword, name, t, retired));
        }
        return result;
    }

    /** Skips comment and empty lines; false at the end of the data. */
    private boolean nextRow() {
        while (pos < data.length) {
            lineNo++;
            if (data[pos] == '#' || data[pos] == '\n') {
                while (pos < data.length && data[pos++] != '\n') {
                    // skip the line
                }
                continue;
            }
            return true;
        }
        return false;
    }

    /** Set by the field scans: true when the scanned bytes had one outside ASCII (then decode as UTF-8). */
    private boolean nonAscii;

    /** The end of the current field (a tab); the last field of a row uses {@link #lastField}. */
    private int fieldEnd() {
        int end = pos;
        int bits = 0;
        byte b;
        while (end < data.length && (b = data[end]) != '\t') {
            if (b == '\n') {
                throw error("too few fields");
            }
            bits |= b;
            end++;
        }
        if (end == data.length) {
            throw error("too few fields");
        }
        nonAscii = bits < 0;
        return end;
    }

    private String textField() {
        int end = fieldEnd();
        String s = text(pos, end);
        pos = end + 1;
        return s;
    }

    private String lastField() {
        int end = pos;
        int bits = 0;
        byte b;
        while (end < data.length && (b = data[end]) != '\n') {
            if (b == '\t') {
                throw error("too many fields");
            }
            bits |= b;
            end++;
        }
        nonAscii = bits < 0;
        String s = text(pos, end);
        pos = end + 1;
        return s;
    }

    private String text(int from, int to) {
        // ISO-8859-1 of ASCII bytes is a plain copy, the cheapest String construction
        return new String(data, from, to - from, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private int hexField() {
        int end = fieldEnd();
        if (end - pos != 8) {
            throw error("expected 8 hex digits");
        }
        int v = 0;
        for (int i = pos; i < end; i++) {
            int d = Character.digit(data[i], 16);
            if (d < 0) {
                throw error("bad hex digit");
            }
            v = (v << 4) | d;
        }
        pos = end + 1;
        return v;
    }

    /** One shared immutable list per VR, so that 5,000 entries do not hold 5,000 equal lists. */
    private static final List<List<VR>> SINGLE = singles();

    private static List<List<VR>> singles() {
        List<List<VR>> lists = new ArrayList<>();
        for (VR vr : VR.values()) {
            lists.add(List.of(vr));
        }
        return lists;
    }

    /** "PN", "US/SS", "" (items): one shared list per single VR, a new list for alternatives. */
    private List<VR> vrField() {
        int end = fieldEnd();
        int n = end - pos;
        List<VR> result;
        if (n == 0) {
            result = List.of();
        } else if (n == 2) {
            result = SINGLE.get(vrAt(pos).ordinal());
        } else if (n % 3 == 2) {
            VR[] vrs = new VR[(n + 1) / 3];
            for (int i = 0; i < vrs.length; i++) {
                if (i > 0 && data[pos + 3 * i - 1] != '/') {
                    throw error("bad VR list");
                }
                vrs[i] = vrAt(pos + 3 * i);
            }
            result = List.of(vrs);
        } else {
            throw error("bad VR list");
        }
        pos = end + 1;
        return result;
    }

    private VR vrAt(int i) {
        VR vr = VR.ofCode(((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF));
        if (vr == null) {
            throw error("unknown VR");
        }
        return vr;
    }

    private boolean flagField() {
        int end = fieldEnd();
        if (end - pos != 1 || (data[pos] != 'R' && data[pos] != '-')) {
            throw error("expected R or -");
        }
        boolean retired = data[pos] == 'R';
        pos = end + 1;
        return retired;
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException(source + ":" + lineNo + ": " + what);
    }
}
