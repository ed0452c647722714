package org.lightbox.catalog.internal.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.InvalidQueryException;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.internal.index.LevelAttributes;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * A query identifier translated to SQL (PS3.4 C.2.2.2 matching, C.4.1 hierarchical search): which keys are
 * matched in SQL, which keys without a column must be matched on the stored attributes afterwards (sequence
 * matching, keys kept only in the per-level attributes), and which per-level attributes the results need.
 */
public final class QueryPlan {

    /** Keys the plan fills itself, never matched. */
    static final Set<Integer> SPECIAL = Set.of(Tag.SpecificCharacterSet, Tag.QueryRetrieveLevel,
            Tag.RetrieveAETitle, Tag.InstanceAvailability);

    private static final String[] FROM = {
        "PATIENT p",
        "STUDY s JOIN PATIENT p ON p.PK = s.PATIENT_FK",
        "SERIES se JOIN STUDY s ON s.PK = se.STUDY_FK JOIN PATIENT p ON p.PK = s.PATIENT_FK",
        "INSTANCE i JOIN SERIES se ON se.PK = i.SERIES_FK JOIN STUDY s ON s.PK = se.STUDY_FK "
                + "JOIN PATIENT p ON p.PK = s.PATIENT_FK JOIN FILE_REF f ON f.INSTANCE_FK = i.PK" };

    private static final String[] COLUMNS = {
        "p.PAT_ID, p.PAT_ID_ISSUER, p.PAT_NAME, p.PAT_BIRTHDATE, p.PAT_SEX, p.CHARSET AS P_CHARSET",
        "s.STUDY_UID, s.STUDY_DATE, s.STUDY_TIME, s.ACCESSION_NO, s.STUDY_ID, s.REF_PHYSICIAN, s.STUDY_DESC, "
                + "s.MODALITIES, s.NUM_SERIES AS S_NUM_SERIES, s.NUM_INSTANCES AS S_NUM_INSTANCES, "
                + "s.CHARSET AS S_CHARSET",
        "se.SERIES_UID, se.MODALITY, se.SERIES_NO, se.SERIES_DESC, se.BODY_PART, "
                + "se.NUM_INSTANCES AS SE_NUM_INSTANCES, se.CHARSET AS SE_CHARSET",
        "i.SOP_IUID, i.SOP_CUID, i.INSTANCE_NO, i.NUM_FRAMES, i.CHARSET AS I_CHARSET, f.TSUID" };

    private static final String[] BLOBS = { "p.ATTRS AS P_ATTRS", "s.ATTRS AS S_ATTRS", "se.ATTRS AS SE_ATTRS",
        "i.ATTRS AS I_ATTRS" };

    private static final String[] PATIENT_COUNTS = {
        "(SELECT COUNT(*) FROM STUDY x WHERE x.PATIENT_FK = p.PK) AS P_NUM_STUDIES",
        "(SELECT COALESCE(SUM(x.NUM_SERIES), 0) FROM STUDY x WHERE x.PATIENT_FK = p.PK) AS P_NUM_SERIES",
        "(SELECT COALESCE(SUM(x.NUM_INSTANCES), 0) FROM STUDY x WHERE x.PATIENT_FK = p.PK) AS P_NUM_INSTANCES" };

    private final FindQuery query;
    private final List<SqlQuery> statements;
    private final EnumSet<QueryLevel> blobs;
    private final List<Integer> postFilter;

    private QueryPlan(FindQuery query, List<SqlQuery> statements, EnumSet<QueryLevel> blobs,
            List<Integer> postFilter) {
        this.query = query;
        this.statements = statements;
        this.blobs = blobs;
        this.postFilter = postFilter;
    }

    public FindQuery query() {
        return query;
    }

    public List<SqlQuery> statements() {
        return statements;
    }

    /** The levels whose stored attributes the results need (return keys or matching without a column). */
    public EnumSet<QueryLevel> blobs() {
        return blobs;
    }

    /** Keys to match on the stored attributes, after SQL. */
    public List<Integer> postFilter() {
        return postFilter;
    }

    /** The level a key is matched and returned at in {@code model}: patient keys are study keys in Study Root. */
    static QueryLevel effectiveLevel(int tag, InformationModel model) {
        QueryLevel l = LevelAttributes.levelOf(tag);
        return l.compareTo(model.top()) < 0 ? model.top() : l;
    }

    /** The plan of a C-FIND. */
    public static QueryPlan find(FindQuery q) throws InvalidQueryException {
        Built b = build(q);
        QueryLevel level = q.level();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int l = 0; l <= level.ordinal(); l++) {
            select.append(l == 0 ? "" : ", ").append(COLUMNS[l]);
        }
        for (QueryLevel blob : b.blobs) {
            select.append(", ").append(BLOBS[blob.ordinal()]);
        }
        if (b.counts) {
            for (String c : PATIENT_COUNTS) {
                select.append(", ").append(c);
            }
        }
        select.append(" FROM ").append(FROM[level.ordinal()]);
        return new QueryPlan(q, b.where.statements(select.toString(), ""), b.blobs, b.post);
    }

    /** What the keys of a query make of it. */
    private static final class Built {
        final Criteria where = new Criteria();
        final EnumSet<QueryLevel> blobs = EnumSet.noneOf(QueryLevel.class);
        final List<Integer> post = new ArrayList<>();
        boolean counts;
    }

    private static Built build(FindQuery q) throws InvalidQueryException {
        QueryLevel level = q.level();
        Attributes keys = q.keys();
        Built b = new Built();
        requireUniqueKeysAbove(q, b.where);
        if (level.compareTo(QueryLevel.PATIENT) > 0 && !q.options().relational()) {
            qualifyPatientId(q, b.where); // at the patient level itself the issuer is an ordinary key
        }
        for (int i = 0; i < keys.size(); i++) {
            int tag = keys.tagAt(i);
            if (SPECIAL.contains(tag) || Tag.group(tag) <= 0x0002 || (Tag.group(tag) & 1) == 1) {
                continue;
            }
            QueryLevel eff = effectiveLevel(tag, q.model());
            if (eff.compareTo(level) > 0) {
                continue; // below the query level: returned empty
            }
            boolean matched = q.options().relational() || eff == level;
            KeyColumn col = KeyColumn.of(tag);
            if (col != null) {
                b.counts |= col.level() == QueryLevel.PATIENT && col.kind() == KeyColumn.Kind.COMPUTED;
                if (matched && !isUpperUniqueKey(q, tag)) {
                    b.where.match(col, keys.getStrings(tag), q.options().caseInsensitivePersonNames());
                }
            } else {
                b.blobs.add(LevelAttributes.levelOf(tag));
                if (matched && hasMatchingValue(keys, i)) {
                    requireWellFormedRanges(keys, i);
                    b.post.add(tag);
                }
            }
        }
        return b;
    }

    /**
     * The plan of a retrieve (C-MOVE, C-GET): the unique keys of the identifier select instances (a list of UIDs at
     * the retrieve level, single values above), other keys are ignored (PS3.4 C.4.2.2.1).
     */
    public static QueryPlan locate(FindQuery q) throws InvalidQueryException {
        Criteria where = new Criteria();
        requireUniqueKeysAbove(q, where);
        KeyColumn unique = KeyColumn.uniqueKey(q.level());
        String[] values = q.keys().getStrings(unique.tag());
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            throw new InvalidQueryException(unique.tag(), "a " + q.level() + "-level retrieve needs the unique key "
                    + Tag.toString(unique.tag()));
        }
        for (String v : values) {
            if (Wildcards.has(v)) { // a retrieve of "*" would send the whole archive
                throw new InvalidQueryException(unique.tag(), "a retrieve's unique key takes no wildcards: \"" + v
                        + "\"");
            }
        }
        where.match(unique, values, false);
        qualifyPatientId(q, where);
        String select = "SELECT s.STUDY_UID, se.SERIES_UID, i.SOP_IUID, i.SOP_CUID, i.INSTANCE_NO, f.STORE_ID, "
                + "f.PATH, f.SIZE_BYTES, f.TSUID, f.CHECKSUM FROM " + FROM[QueryLevel.IMAGE.ordinal()];
        return new QueryPlan(q, where.statements(select, " ORDER BY s.STUDY_UID, se.SERIES_UID, i.INSTANCE_NO"),
                EnumSet.noneOf(QueryLevel.class), List.of());
    }

    /**
     * The plan of a study browser query: study-level keys matched like a C-FIND (keys without a column are matched
     * on the stored study and patient attributes), {@code columns} selected.
     */
    public static QueryPlan studies(FindQuery q, String columns) throws InvalidQueryException {
        if (q.level() != QueryLevel.STUDY) {
            throw new InvalidQueryException(Tag.QueryRetrieveLevel, "a study list needs a STUDY-level query");
        }
        Built b = build(q);
        StringBuilder select = new StringBuilder("SELECT ").append(columns);
        EnumSet<QueryLevel> blobs = EnumSet.noneOf(QueryLevel.class);
        for (int tag : b.post) {
            blobs.add(LevelAttributes.levelOf(tag));
        }
        for (QueryLevel blob : blobs) {
            select.append(", ").append(BLOBS[blob.ordinal()]);
        }
        select.append(" FROM ").append(FROM[QueryLevel.STUDY.ordinal()]);
        return new QueryPlan(q, b.where.statements(select.toString(), ""), blobs, b.post);
    }

    private static boolean isUpperUniqueKey(FindQuery q, int tag) {
        if (q.options().relational()) {
            return false;
        }
        for (QueryLevel l = q.model().top(); l.compareTo(q.level()) < 0; l = QueryLevel.values()[l.ordinal() + 1]) {
            if (KeyColumn.uniqueKey(l).tag() == tag) {
                return true;
            }
        }
        return false;
    }

    /** Hierarchical search: every level above the query level is pinned by its unique key, a single value. */
    private static void requireUniqueKeysAbove(FindQuery q, Criteria where) throws InvalidQueryException {
        if (!q.model().has(q.level())) {
            throw new InvalidQueryException(Tag.QueryRetrieveLevel, "the " + q.model() + " model has no " + q.level()
                    + " level");
        }
        if (q.options().relational()) {
            return;
        }
        for (QueryLevel l = q.model().top(); l.compareTo(q.level()) < 0; l = QueryLevel.values()[l.ordinal() + 1]) {
            KeyColumn unique = KeyColumn.uniqueKey(l);
            String[] v = q.keys().getStrings(unique.tag());
            if (v == null || v.length != 1 || v[0].isEmpty() || Wildcards.has(v[0])) {
                throw new InvalidQueryException(unique.tag(), "a " + q.level() + "-level query in the " + q.model()
                        + " model needs the " + l + "-level unique key as one value without wildcards "
                        + "(PS3.4 C.4.1.2.1); found " + (v == null ? "none" : "\"" + String.join("\\", v) + "\""));
            }
            where.equal(unique.match(), v[0]);
        }
    }

    /**
     * A Patient ID is unique only within its issuer: in the models with a patient level, an Issuer of Patient ID
     * sent beside the patient's unique key qualifies it, so that one hospital's P001 never selects another's
     * studies (in a query below the patient level, or in a retrieve). Without a value it restricts nothing.
     */
    private static void qualifyPatientId(FindQuery q, Criteria where) throws InvalidQueryException {
        if (q.model().top() != QueryLevel.PATIENT) {
            return; // Study Root: patient keys are study keys, matched at the study level
        }
        String[] issuer = q.keys().getStrings(Tag.IssuerOfPatientID);
        if (issuer != null && Arrays.stream(issuer).anyMatch(v -> !v.isEmpty() && !Wildcards.isUniversal(v))) {
            where.match(KeyColumn.of(Tag.IssuerOfPatientID), issuer, false);
        }
    }

    /**
     * A date, time or date-time key matched on the stored attributes is checked here, as the column keys are when
     * their SQL is built: a malformed value is refused with its tag instead of silently matching nothing.
     */
    private static void requireWellFormedRanges(Attributes keys, int i) throws InvalidQueryException {
        VR vr = keys.vrAt(i);
        if (vr != VR.DA && vr != VR.TM && vr != VR.DT) {
            return;
        }
        int tag = keys.tagAt(i);
        for (String v : keys.getStrings(tag)) {
            if (v.isEmpty() || Wildcards.isUniversal(v)) {
                continue;
            }
            Attributes one = new Attributes();
            one.setString(tag, vr, v);
            Object range = vr == VR.DA ? one.getDateRange(tag) : vr == VR.TM ? one.getTimeRange(tag)
                    : one.getDateTimeRange(tag);
            if (range == null) {
                throw new InvalidQueryException(tag, "malformed " + (vr == VR.DA ? "date" : vr == VR.TM ? "time"
                        : "date-time") + " or range \"" + v + "\" in " + Tag.toString(tag));
            }
        }
    }

    /** True when key {@code i} restricts matches: a value, or a sequence item holding a value. */
    static boolean hasMatchingValue(Attributes keys, int i) {
        Object v = keys.valueAt(i);
        if (v instanceof Sequence) {
            for (Attributes item : (Sequence) v) {
                for (int k = 0; k < item.size(); k++) {
                    if (hasMatchingValue(item, k)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!(v instanceof byte[]) || ((byte[]) v).length == 0) {
            return false;
        }
        String[] s = keys.getStrings(keys.tagAt(i));
        if (s == null) {
            return false;
        }
        for (String x : s) {
            if (!x.isEmpty() && !Wildcards.isUniversal(x)) {
                return true;
            }
        }
        return false;
    }
}
