package org.lightbox.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lightbox.catalog.internal.PinRegistry;
import org.lightbox.catalog.internal.db.CatalogSchema;
import org.lightbox.catalog.internal.db.Database;
import org.lightbox.catalog.internal.db.Migration;
import org.lightbox.catalog.internal.db.SchemaMigrator;
import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.catalog.internal.index.InstanceIndexer;
import org.lightbox.catalog.internal.index.InstanceRemoval;
import org.lightbox.catalog.internal.index.InstanceValues;
import org.lightbox.catalog.internal.query.FindRows;
import org.lightbox.catalog.internal.query.QueryPlan;
import org.lightbox.catalog.internal.query.SqlCursor;
import org.lightbox.catalog.internal.query.SqlQuery;
import org.lightbox.catalog.internal.query.StudyRows;
import org.lightbox.catalog.internal.query.Wildcards;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * The catalog of everything the node stores: patients, studies, series, instances and their files, in a JDBC
 * database (embedded Derby by default, a Derby network server or PostgreSQL when shared). Thread-safe: the
 * storage, query/retrieve and commitment services and the workbench use one instance at once.
 * <p>
 * Opening migrates the schema forward and refuses a catalog written by a newer Lightbox
 * ({@link SchemaVersionException}). Files are added through {@link FileStore}, which writes the file first and
 * then calls {@link #index}; only the file store deletes, so that files and rows stay in step.
 */
public final class Catalog implements AutoCloseable {

    private static final String FILE_COLUMNS = "s.STUDY_UID, se.SERIES_UID, i.SOP_IUID, i.SOP_CUID, i.INSTANCE_NO, "
            + "f.STORE_ID, f.PATH, f.SIZE_BYTES, f.TSUID, f.CHECKSUM";
    private static final String FILE_FROM = " FROM INSTANCE i JOIN SERIES se ON se.PK = i.SERIES_FK "
            + "JOIN STUDY s ON s.PK = se.STUDY_FK JOIN FILE_REF f ON f.INSTANCE_FK = i.PK";

    private final Database db;
    private final CatalogSettings settings;
    private final int schemaVersion;
    private final InstanceIndexer indexer;
    private final PinRegistry pins = new PinRegistry();
    private final ActivityLog activityLog;
    private final JobTable jobs;
    private final TransferRecords transferRecords;

    private Catalog(Database db, CatalogSettings settings, int schemaVersion) {
        this.db = db;
        this.settings = settings;
        this.schemaVersion = schemaVersion;
        this.indexer = new InstanceIndexer(db.dialect());
        this.activityLog = new ActivityLog(db);
        this.jobs = new JobTable(db);
        this.transferRecords = new TransferRecords(db);
    }

    /** Opens the catalog, creating or migrating its schema. */
    public static Catalog open(ConnectionSource source, CatalogSettings settings) throws CatalogException {
        return open(source, settings, CatalogSchema.MIGRATIONS);
    }

    /** Opens with another migration list (tests simulate schema versions with this). */
    static Catalog open(ConnectionSource source, CatalogSettings settings, List<Migration> migrations)
            throws CatalogException {
        Database db = new Database(source, settings.idleConnections());
        try {
            int version = new SchemaMigrator(migrations).migrate(db);
            return new Catalog(db, settings, version);
        } catch (CatalogException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The schema version of the database. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public CatalogSettings settings() {
        return settings;
    }

    /** The database, for messages (no credentials). */
    public String describe() {
        return db.describe();
    }

    // ------------------------------------------------------------------ indexing

    /** Indexes with the configured duplicate policy; see {@link #index(Attributes, StoredFile, DuplicatePolicy)}. */
    public IndexedInstance index(Attributes dataset, StoredFile file) throws CatalogException {
        return index(dataset, file, settings.duplicatePolicy());
    }

    /**
     * Adds one stored instance in one transaction (the {@link FileStore} calls this after placing the file; call it
     * directly only for files the store does not manage): patient, study and series are found or created, the instance
     * and its file recorded, the study's counts, size and Modalities in Study updated, its state set back to
     * {@link StudyState#RECEIVED}. Safe to call from many threads, also for one study.
     *
     * @param dataset the instance's data set (a header-only read is enough)
     * @throws InvalidInstanceException   when Study, Series or SOP Instance UID is missing
     * @throws DuplicateInstanceException when the UID is stored and {@code policy} is REJECT
     */
    public IndexedInstance index(Attributes dataset, StoredFile file, DuplicatePolicy policy)
            throws CatalogException {
        InstanceValues values = new InstanceValues(dataset, db.dialect().smallBinaryLimit());
        return db.transaction(c -> indexer.index(c, values, file, policy, Instant.now()), true);
    }

    /**
     * Indexes several stored instances in one transaction, all or none, with the configured duplicate policy (the
     * file store's background indexer: one commit for a burst of receptions instead of one each).
     */
    List<IndexedInstance> indexAll(List<Attributes> datasets, List<StoredFile> files) throws CatalogException {
        List<InstanceValues> values = new ArrayList<>(datasets.size());
        for (Attributes ds : datasets) {
            values.add(new InstanceValues(ds, db.dialect().smallBinaryLimit()));
        }
        DuplicatePolicy policy = settings.duplicatePolicy();
        return db.transaction(c -> indexer.indexAll(c, values, files, policy, Instant.now()), true);
    }

    // ------------------------------------------------------------------ queries

    /**
     * Answers a C-FIND: the matches stream as response identifiers holding every key of the request (filled, or
     * empty when the catalog has no value), in the Specific Character Set of the stored data.
     *
     * @throws InvalidQueryException when the identifier breaks the hierarchical rules or a range is malformed
     */
    public CatalogCursor<Attributes> find(FindQuery query) throws CatalogException {
        QueryPlan plan = QueryPlan.find(query);
        return new SqlCursor<>(db, plan.statements(), query.options().limit(), new FindRows(plan));
    }

    /**
     * The instances a C-MOVE or C-GET identifier selects, with their files: the unique keys of the query level (a
     * list of UIDs) and single unique keys above it. Pin the studies while sending them.
     */
    public List<InstanceFile> locate(FindQuery query) throws CatalogException {
        QueryPlan plan = QueryPlan.locate(query);
        List<InstanceFile> out = new ArrayList<>();
        try (SqlCursor<InstanceFile> c = new SqlCursor<>(db, plan.statements(), 0, Catalog::instanceFile)) {
            for (InstanceFile f = c.next(); f != null; f = c.next()) {
                out.add(f);
            }
        }
        return out;
    }

    /** The stored instances among {@code sopInstanceUids} (all copies), e.g. for storage commitment. */
    public List<InstanceFile> instances(Collection<String> sopInstanceUids) throws CatalogException {
        if (sopInstanceUids.isEmpty()) {
            return List.of();
        }
        Attributes keys = new Attributes();
        keys.setString(Tag.SOPInstanceUID, VR.UI, new LinkedHashSet<>(sopInstanceUids).toArray(new String[0]));
        return locate(new FindQuery(InformationModel.STUDY_ROOT, QueryLevel.IMAGE, keys,
                QueryOptions.DEFAULT.withRelational(true)));
    }

    /** The instances of a study with their files, ordered by series and instance number. */
    public List<InstanceFile> instancesOfStudy(String studyUid) throws CatalogException {
        return list("SELECT " + FILE_COLUMNS + FILE_FROM
                + " WHERE s.STUDY_UID = ? ORDER BY se.SERIES_NO, se.SERIES_UID, i.INSTANCE_NO", studyUid);
    }

    /** The instances of a series with their files, ordered by instance number. */
    public List<InstanceFile> instancesOfSeries(String seriesUid) throws CatalogException {
        return list("SELECT " + FILE_COLUMNS + FILE_FROM + " WHERE se.SERIES_UID = ? ORDER BY i.INSTANCE_NO",
                seriesUid);
    }

    private List<InstanceFile> list(String sql, String uid) throws CatalogException {
        return db.read(c -> {
            List<InstanceFile> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(instanceFile(rs));
                    }
                }
            }
            return out;
        });
    }

    private static InstanceFile instanceFile(ResultSet rs) throws SQLException {
        return new InstanceFile(rs.getString("STUDY_UID"), rs.getString("SERIES_UID"), rs.getString("SOP_IUID"),
                rs.getString("SOP_CUID"), Sql.getInteger(rs, "INSTANCE_NO"), new StoredFile(rs.getString("STORE_ID"),
                        rs.getString("PATH"), rs.getLong("SIZE_BYTES"), rs.getString("TSUID"), rs.getString("CHECKSUM")));
    }

    /**
     * The study browser's list: a STUDY-level query (any model; study root matching of patient and study keys)
     * answered with {@link StudyRecord}s.
     */
    public CatalogCursor<StudyRecord> studies(FindQuery query) throws CatalogException {
        QueryPlan plan = QueryPlan.studies(query, StudyRows.COLUMNS);
        return new SqlCursor<>(db, plan.statements(), query.options().limit(), new StudyRows(plan));
    }

    public Optional<StudyRecord> study(String studyUid) throws CatalogException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + StudyRows.COLUMNS
                    + " FROM STUDY s JOIN PATIENT p ON p.PK = s.PATIENT_FK WHERE s.STUDY_UID = ?")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(StudyRows.record(rs)) : Optional.<StudyRecord>empty();
                }
            }
        });
    }

    /** The series of a study, by series number. */
    public List<SeriesRecord> series(String studyUid) throws CatalogException {
        return db.read(c -> {
            List<SeriesRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT se.SERIES_UID, se.MODALITY, se.SERIES_NO, "
                    + "se.SERIES_DESC, se.BODY_PART, se.NUM_INSTANCES FROM SERIES se JOIN STUDY s ON s.PK = se.STUDY_FK "
                    + "WHERE s.STUDY_UID = ? ORDER BY se.SERIES_NO, se.SERIES_UID")) {
                ps.setString(1, studyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SeriesRecord(studyUid, rs.getString(1), rs.getString(2), Sql.getInteger(rs,
                                "SERIES_NO"), rs.getString(4), rs.getString(5), rs.getInt(6)));
                    }
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ study flags and pins

    /** Protects a study from auto-delete (and from deletion until unprotected). False when there is no such study. */
    public boolean setProtected(String studyUid, boolean isProtected) throws CatalogException {
        return updateStudy("UPDATE STUDY SET IS_PROTECTED = ? WHERE STUDY_UID = ?", isProtected, studyUid);
    }

    /** Records that a study was sent or committed; a newly received instance sets it back to RECEIVED. */
    public boolean setState(String studyUid, StudyState state) throws CatalogException {
        return updateStudy("UPDATE STUDY SET STATE = ? WHERE STUDY_UID = ?", state.name(), studyUid);
    }

    private boolean updateStudy(String sql, Object value, String studyUid) throws CatalogException {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, List.of(value, studyUid));
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Pins a study while it is read or sent: it is not deleted until the pin is closed. Records the access time
     * (auto-delete by age may count from the last access). Pins live in this process.
     *
     * @throws StudyInUseException when the study is being deleted right now
     */
    public Pin pin(String studyUid) throws CatalogException {
        Pin pin = pins.pin(studyUid);
        try {
            db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE STUDY SET LAST_ACCESS = ? WHERE STUDY_UID = ?")) {
                    Sql.setInstant(ps, 1, Instant.now());
                    ps.setString(2, studyUid);
                    return ps.executeUpdate();
                }
            });
        } catch (CatalogException e) {
            pin.close();
            throw e;
        }
        return pin;
    }

    public boolean isPinned(String studyUid) {
        return pins.isPinned(studyUid);
    }

    PinRegistry pins() {
        return pins;
    }

    // ------------------------------------------------------------------ logs and jobs

    /** The association, receive, send and deletion logs. */
    public ActivityLog activityLog() {
        return activityLog;
    }

    /** The durable job table of the transfer queue. */
    public JobTable jobs() {
        return jobs;
    }

    /** What the transfer queue recorded per instance: send outcomes and storage commitment. */
    public TransferRecords transferRecords() {
        return transferRecords;
    }

    // ------------------------------------------------------------------ for the file store

    /** Removes instance rows in one transaction, logging the reason per study; returns the file rows removed. */
    InstanceRemoval.Result remove(Collection<Long> instancePks, String reason) throws CatalogException {
        return db.transaction(c -> InstanceRemoval.remove(c, instancePks, reason, Instant.now()));
    }

    /** The file rows of a study in one store. */
    List<FileRow> filesOfStudy(String studyUid, String storeId) throws CatalogException {
        return db.read(c -> {
            List<FileRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.INSTANCE_FK, f.PATH, f.SIZE_BYTES FROM FILE_REF f "
                    + "JOIN INSTANCE i ON i.PK = f.INSTANCE_FK JOIN SERIES se ON se.PK = i.SERIES_FK "
                    + "JOIN STUDY s ON s.PK = se.STUDY_FK WHERE s.STUDY_UID = ? AND f.STORE_ID = ?")) {
                ps.setString(1, studyUid);
                ps.setString(2, storeId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FileRow(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Keys of the instance rows of a SOP Instance UID. */
    List<Long> instanceKeys(String sopInstanceUid) throws CatalogException {
        return keys("SELECT PK FROM INSTANCE WHERE SOP_IUID = ?", sopInstanceUid);
    }

    private List<Long> keys(String sql, String... params) throws CatalogException {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Every file row of a store, streamed. */
    CatalogCursor<FileRow> files(String storeId) {
        return new SqlCursor<>(db, List.of(new SqlQuery("SELECT INSTANCE_FK, PATH, SIZE_BYTES FROM FILE_REF "
                + "WHERE STORE_ID = ?", List.of(storeId))), 0,
                rs -> new FileRow(rs.getLong(1), rs.getString(2), rs.getLong(3)));
    }

    /** The paths of a store's files under a directory ("dir/" prefix). */
    Set<String> pathsUnder(String storeId, String directory) throws CatalogException {
        return db.read(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT PATH FROM FILE_REF WHERE STORE_ID = ? AND PATH LIKE ? ESCAPE '!'")) {
                ps.setString(1, storeId);
                // store directory names are UIDs or hex digests: no wildcard characters to worry about
                ps.setString(2, Wildcards.like(directory) + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Bytes of all files of a store. */
    long storeSize(String storeId) throws CatalogException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(SUM(SIZE_BYTES), 0) FROM FILE_REF WHERE STORE_ID = ?")) {
                ps.setString(1, storeId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every study as auto-delete weighs it. */
    List<StudyRecord> allStudies() throws CatalogException {
        return db.read(c -> {
            List<StudyRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + StudyRows.COLUMNS
                    + " FROM STUDY s JOIN PATIENT p ON p.PK = s.PATIENT_FK");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(StudyRows.record(rs));
                }
            }
            return out;
        });
    }

    /** Runs work on a pooled connection (package use: tests and the file store). */
    <T> T read(Database.Work<T> work) throws CatalogException {
        return db.read(work);
    }

    @Override
    public void close() {
        db.close();
    }

}
