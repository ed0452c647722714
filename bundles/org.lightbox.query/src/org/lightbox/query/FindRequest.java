package org.lightbox.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.dict.DataDictionary;

/**
 * A C-FIND: the information model, the Query/Retrieve Level, the matching keys (values with the wildcards and
 * ranges of PS3.4 C.2.2.2) and the keys to return (universal matching). Starts with the default keys of
 * {@link QueryKeys}; a matching key replaces the universal key of the same tag. Not thread-safe.
 */
public final class FindRequest {
    private final InformationModel model;
    private final QueryLevel level;
    /** tag -> values; {@code null} values mean "return it" (zero-length key). */
    private final Map<Integer, String[]> keys = new LinkedHashMap<>();

    private FindRequest(InformationModel model, QueryLevel level) {
        if (!model.has(level)) {
            throw new IllegalArgumentException("the " + model + " model has no " + level + " level");
        }
        this.model = model;
        this.level = level;
    }

    /** A query at {@code level} returning the default keys of {@link QueryKeys}. */
    public static FindRequest of(InformationModel model, QueryLevel level) {
        FindRequest r = bare(model, level);
        for (int tag : QueryKeys.defaults(model, level)) {
            r.keys.put(tag, null);
        }
        return r;
    }

    /** A query at {@code level} with no keys yet (add them with {@link #match} and {@link #returnKey}). */
    public static FindRequest bare(InformationModel model, QueryLevel level) {
        return new FindRequest(model, level);
    }

    public InformationModel model() {
        return model;
    }

    public QueryLevel level() {
        return level;
    }

    /**
     * Adds a matching key: {@code PatientName "MÜLLER*"}, {@code StudyDate "20240101-20240131"}, several values for
     * a list of UIDs. An empty string makes it a returned key.
     */
    public FindRequest match(int tag, String... values) {
        check(tag);
        boolean empty = values.length == 0 || values.length == 1 && (values[0] == null || values[0].isEmpty());
        keys.put(tag, empty ? null : values.clone());
        return this;
    }

    /** Asks for {@code tag} in every match, unless it is already a matching key. */
    public FindRequest returnKey(int tag) {
        check(tag);
        keys.putIfAbsent(tag, null);
        return this;
    }

    public FindRequest returnKeys(List<Integer> tags) {
        tags.forEach(this::returnKey);
        return this;
    }

    /** The keys in the order they were given (matching and returned). */
    public List<Integer> keys() {
        return List.copyOf(keys.keySet());
    }

    /** The matching value(s) of {@code tag}, or {@code null} for a returned key or one not in the request. */
    public String[] matchingValues(int tag) {
        String[] v = keys.get(tag);
        return v == null ? null : v.clone();
    }

    private static void check(int tag) {
        if (tag == Tag.QueryRetrieveLevel || tag == Tag.SpecificCharacterSet) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is set by the request itself");
        }
        if (Tag.group(tag) <= 2) {
            throw new IllegalArgumentException(Tag.toString(tag) + " cannot be a query key");
        }
        VR vr = DataDictionary.standard().vrOf(tag);
        if (vr == VR.SQ) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is a sequence; sequence matching is not offered");
        }
    }

    /**
     * The identifier to send: (0008,0005) first when a value needs more than ASCII (ISO_IR 100 when Latin-1
     * suffices, the seed's repertoire; else ISO_IR 192), the level, then the keys.
     */
    public Attributes identifier() {
        Attributes a = new Attributes();
        String charset = characterSet();
        if (charset != null) {
            a.setString(Tag.SpecificCharacterSet, VR.CS, charset);
        }
        a.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
        for (Map.Entry<Integer, String[]> e : keys.entrySet()) {
            int tag = e.getKey();
            VR vr = DataDictionary.standard().vrOf(tag);
            if (vr == VR.UN) {
                vr = Tag.isPrivate(tag) ? VR.UN : VR.LO;
            }
            if (e.getValue() == null) {
                a.setNull(tag, vr);
            } else if (isText(vr)) {
                a.setString(tag, vr, e.getValue());
            } else {
                throw new IllegalArgumentException(Tag.toString(tag) + " has VR " + vr
                        + "; only string attributes can be matching keys");
            }
        }
        return a;
    }

    private static boolean isText(VR vr) {
        return vr.kind() == VR.Kind.STRING || vr.kind() == VR.Kind.TEXT;
    }

    private String characterSet() {
        boolean latin1 = true;
        boolean ascii = true;
        for (String[] values : keys.values()) {
            if (values == null) {
                continue;
            }
            for (String v : values) {
                for (int i = 0; v != null && i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c > 0x7E) {
                        ascii = false;
                        if (c > 0xFF) {
                            latin1 = false;
                        }
                    }
                }
            }
        }
        return ascii ? null : latin1 ? "ISO_IR 100" : "ISO_IR 192";
    }

    @Override
    public String toString() {
        return "C-FIND " + model + " " + level + " " + keys.size() + " keys";
    }
}
