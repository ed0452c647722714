package org.lightbox.catalog.internal.query;

import java.util.Map;

import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.internal.index.LevelAttributes;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.charset.SpecificCharacterSet;

/**
 * Builds one C-FIND response identifier: every key of the request, filled from the catalog's columns and stored
 * per-level attributes, empty when the catalog has no value (or the key lies below the query level). The response
 * is encoded in the Specific Character Set of the stored data; text from attributes stored in another character
 * set is re-encoded, and when the stored set cannot hold every value the response falls back to UTF-8.
 */
public final class ResultAssembler {

    private static final String[] CHARSET_ALIAS = { "P_CHARSET", "S_CHARSET", "SE_CHARSET", "I_CHARSET" };
    private static final String UTF8 = "ISO_IR 192";

    private ResultAssembler() {
    }

    /**
     * @param row   the row's column values by result set alias
     * @param blobs the stored attributes of the levels the plan asked for
     */
    public static Attributes assemble(FindQuery q, Map<String, String> row, Map<QueryLevel, Attributes> blobs) {
        String stored = row.get(CHARSET_ALIAS[q.level().ordinal()]);
        Attributes a = attempt(q, row, blobs, stored);
        return a != null ? a : attempt(q, row, blobs, UTF8);
    }

    private static Attributes attempt(FindQuery q, Map<String, String> row, Map<QueryLevel, Attributes> blobs,
            String charset) {
        Attributes keys = q.keys();
        Attributes out = new Attributes(false, keys.size() + 1);
        if (charset != null) {
            out.setString(Tag.SpecificCharacterSet, VR.CS, charset.split("\\\\", -1));
        }
        SpecificCharacterSet cs = out.specificCharacterSet();
        for (int i = 0; i < keys.size(); i++) {
            int tag = keys.tagAt(i);
            VR keyVR = keys.vrAt(i);
            if (tag == Tag.SpecificCharacterSet) {
                continue;
            }
            if (tag == Tag.QueryRetrieveLevel) {
                out.setString(tag, VR.CS, q.level().name());
                continue;
            }
            if (tag == Tag.RetrieveAETitle) {
                if (q.options().retrieveAETitle() != null) {
                    out.setString(tag, VR.AE, q.options().retrieveAETitle());
                } else {
                    out.setNull(tag, VR.AE);
                }
                continue;
            }
            if (tag == Tag.InstanceAvailability) {
                out.setString(tag, VR.CS, "ONLINE");
                continue;
            }
            if ((Tag.group(tag) & 1) == 1) {
                // private keys are not kept by the catalog: left out, so that no empty Private Creator is returned
                // for a block whose data elements could not be filled (PS3.5 7.8.1)
                continue;
            }
            if (Tag.group(tag) <= 0x0002 || QueryPlan.effectiveLevel(tag, q.model()).compareTo(q.level()) > 0) {
                out.setNull(tag, keyVR);
                continue;
            }
            KeyColumn col = KeyColumn.of(tag);
            if (col != null) {
                String v = row.get(col.alias());
                if (v == null) {
                    out.setNull(tag, col.vr());
                } else if (col.vr().kind() == VR.Kind.TEXT && !cs.canEncode(v)) {
                    return null;
                } else {
                    out.setString(tag, col.vr(), v);
                }
                continue;
            }
            Attributes blob = blobs.get(LevelAttributes.levelOf(tag));
            if (blob == null || !blob.contains(tag)) {
                out.setNull(tag, keyVR);
            } else if (!copy(blob, tag, out, subKeys(keys, i), blob.specificCharacterSet().equals(cs))) {
                return null;
            }
        }
        return out;
    }

    /** The keys of a sequence key's item, or {@code null} when the whole stored sequence is asked for. */
    private static Attributes subKeys(Attributes keys, int i) {
        Object v = keys.valueAt(i);
        if (v instanceof Sequence && !((Sequence) v).isEmpty() && !((Sequence) v).get(0).isEmpty()) {
            return ((Sequence) v).get(0);
        }
        return null;
    }

    /** Copies {@code tag}, re-encoding text unless the character sets agree; false when a value cannot be encoded. */
    private static boolean copy(Attributes from, int tag, Attributes to, Attributes subKeys, boolean sameCharset) {
        int i = from.indexOf(tag);
        VR vr = from.vrAt(i);
        Object v = from.valueAt(i);
        if (v instanceof Sequence) {
            Sequence src = (Sequence) v;
            Sequence dst = to.newSequence(tag, vr, src.size());
            for (Attributes item : src) {
                Attributes d = dst.addItem();
                if (subKeys != null) {
                    for (int k = 0; k < subKeys.size(); k++) {
                        int sub = subKeys.tagAt(k);
                        if (item.contains(sub)) {
                            if (!copy(item, sub, d, null, sameCharset)) {
                                return false;
                            }
                        } else {
                            d.setNull(sub, subKeys.vrAt(k));
                        }
                    }
                } else {
                    for (int k = 0; k < item.size(); k++) {
                        int sub = item.tagAt(k);
                        if ((sub != Tag.SpecificCharacterSet || sameCharset) && !copy(item, sub, d, null, sameCharset)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        if (v == null) {
            to.setNull(tag, vr);
        } else if (vr.kind() == VR.Kind.TEXT && !sameCharset) {
            String[] s = from.getStrings(tag);
            SpecificCharacterSet cs = to.specificCharacterSet();
            for (String x : s) {
                if (!cs.canEncode(x)) {
                    return false;
                }
            }
            to.setString(tag, vr, s);
        } else {
            LevelAttributes.copy(from, i, to);
        }
        return true;
    }
}
