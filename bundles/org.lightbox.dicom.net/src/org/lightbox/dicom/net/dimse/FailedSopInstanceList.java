package org.lightbox.dicom.net.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-element data set a C-MOVE/C-GET response carries when sub-operations failed: Failed SOP Instance UID
 * List (0008,0058, UI). Encoded and found here directly so the network layer needs no full data set codec.
 */
public final class FailedSopInstanceList {
    public static final int TAG = 0x00080058;
    private static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_VR_BE = "1.2.840.10008.1.2.2";

    private FailedSopInstanceList() {
    }

    /** A writer for the list in the context's transfer syntax (implicit or explicit VR little endian). */
    public static DataWriter writer(List<String> uids) {
        byte[] v = String.join("\\", uids).getBytes(StandardCharsets.US_ASCII);
        int len = v.length + (v.length & 1);
        return (out, ts) -> {
            if (EXPLICIT_VR_BE.equals(ts)) {
                throw new java.io.IOException("big endian data sets are not written by the network layer");
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream(len + 8);
            b.write(0x08);
            b.write(0x00);
            b.write(0x58);
            b.write(0x00);
            if (IMPLICIT_VR_LE.equals(ts)) {
                b.write(len);
                b.write(len >> 8);
                b.write(len >> 16);
                b.write(len >> 24);
            } else {
                b.write('U');
                b.write('I');
                b.write(len);
                b.write(len >> 8);
            }
            b.write(v, 0, v.length);
            if ((v.length & 1) != 0) {
                b.write(0);
            }
            out.write(b.toByteArray());
        };
    }

    /** Scans the top level of a little endian data set for (0008,0058); an empty list if absent or unreadable. */
    public static List<String> parse(byte[] ds, String ts) {
        boolean implicit = IMPLICIT_VR_LE.equals(ts);
        int p = 0;
        while (p + 8 <= ds.length) {
            int tag = ((ds[p] & 0xFF) | (ds[p + 1] & 0xFF) << 8) << 16 | (ds[p + 2] & 0xFF) | (ds[p + 3] & 0xFF) << 8;
            long len;
            int hdr;
            if (implicit) {
                len = (ds[p + 4] & 0xFFL) | (ds[p + 5] & 0xFFL) << 8 | (ds[p + 6] & 0xFFL) << 16 | (ds[p + 7] & 0xFFL) << 24;
                hdr = 8;
            } else {
                String vr = new String(ds, p + 4, 2, StandardCharsets.US_ASCII);
                if (vr.matches("OB|OD|OF|OL|OV|OW|SQ|SV|UC|UN|UR|UT|UV")) {
                    if (p + 12 > ds.length) {
                        break;
                    }
                    len = (ds[p + 8] & 0xFFL) | (ds[p + 9] & 0xFFL) << 8 | (ds[p + 10] & 0xFFL) << 16
                            | (ds[p + 11] & 0xFFL) << 24;
                    hdr = 12;
                } else {
                    len = (ds[p + 6] & 0xFF) | (ds[p + 7] & 0xFF) << 8;
                    hdr = 8;
                }
            }
            if (len == 0xFFFFFFFFL || p + hdr + len > ds.length) {
                break; // undefined length or damaged: give up rather than guess
            }
            if (tag == TAG) {
                String s = new String(ds, p + hdr, (int) len, StandardCharsets.US_ASCII).replace("\0", "").strip();
                List<String> out = new ArrayList<>();
                for (String u : s.split("\\\\")) {
                    if (!u.isBlank()) {
                        out.add(u.strip());
                    }
                }
                return out;
            }
            if (Integer.compareUnsigned(tag, TAG) > 0) {
                break;
            }
            p += hdr + (int) len;
        }
        return List.of();
    }
}
