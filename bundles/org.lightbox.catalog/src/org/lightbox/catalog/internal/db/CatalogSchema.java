package org.lightbox.catalog.internal.db;

import java.util.List;

/**
 * The catalog schema as an ordered list of migrations. Never edit a released step: add a new one. The DDL is
 * portable between Derby and PostgreSQL (identity columns, VARCHAR, TIMESTAMP, BOOLEAN); only binary columns
 * differ ({@link SqlDialect}).
 * <p>
 * Matching columns hold normalised values: dates as YYYYMMDD, times additionally as HHMMSS.FFFFFF in
 * *_TIME_KEY (so that ranges compare as strings), person names without trailing empty components and in
 * upper case in *_FOLD for case-insensitive matching. ATTRS columns keep the level's other attributes, encoded
 * in explicit VR little endian, to answer return keys that are not columns.
 */
public final class CatalogSchema {

    private CatalogSchema() {
    }

    static final Migration V1 = Migration.of(1, "patient, study, series, instance, files, logs, jobs",
            "CREATE TABLE PATIENT ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "PAT_KEY VARCHAR(420) NOT NULL, "
                    + "PAT_ID VARCHAR(64), PAT_ID_ISSUER VARCHAR(64), "
                    + "PAT_NAME VARCHAR(324), PAT_NAME_FOLD VARCHAR(324), "
                    + "PAT_BIRTHDATE VARCHAR(8), PAT_SEX VARCHAR(16), "
                    + "CHARSET VARCHAR(128), ATTRS ${SMALL_BINARY}, CREATED TIMESTAMP NOT NULL, "
                    + "CONSTRAINT PATIENT_KEY_UQ UNIQUE (PAT_KEY))",
            "CREATE INDEX PATIENT_ID_IX ON PATIENT (PAT_ID)",
            "CREATE INDEX PATIENT_NAME_IX ON PATIENT (PAT_NAME)",
            "CREATE INDEX PATIENT_NAME_FOLD_IX ON PATIENT (PAT_NAME_FOLD)",

            "CREATE TABLE STUDY ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "PATIENT_FK BIGINT NOT NULL, "
                    + "STUDY_UID VARCHAR(64) NOT NULL, "
                    + "STUDY_DATE VARCHAR(8), STUDY_TIME VARCHAR(16), STUDY_TIME_KEY VARCHAR(13), "
                    + "ACCESSION_NO VARCHAR(64), STUDY_ID VARCHAR(64), "
                    + "REF_PHYSICIAN VARCHAR(324), REF_PHYSICIAN_FOLD VARCHAR(324), "
                    + "STUDY_DESC VARCHAR(64), MODALITIES VARCHAR(256), "
                    + "NUM_SERIES INT DEFAULT 0 NOT NULL, NUM_INSTANCES INT DEFAULT 0 NOT NULL, "
                    + "SIZE_BYTES BIGINT DEFAULT 0 NOT NULL, "
                    + "STATE VARCHAR(16) NOT NULL, IS_PROTECTED BOOLEAN DEFAULT FALSE NOT NULL, "
                    + "RECEIVED TIMESTAMP NOT NULL, UPDATED TIMESTAMP NOT NULL, LAST_ACCESS TIMESTAMP NOT NULL, "
                    + "CHARSET VARCHAR(128), ATTRS ${SMALL_BINARY}, "
                    + "CONSTRAINT STUDY_UID_UQ UNIQUE (STUDY_UID), "
                    + "CONSTRAINT STUDY_PATIENT_FK FOREIGN KEY (PATIENT_FK) REFERENCES PATIENT (PK))",
            "CREATE INDEX STUDY_PATIENT_IX ON STUDY (PATIENT_FK)",
            "CREATE INDEX STUDY_DATE_IX ON STUDY (STUDY_DATE)",
            "CREATE INDEX STUDY_ACCESSION_IX ON STUDY (ACCESSION_NO)",
            "CREATE INDEX STUDY_REF_PHYSICIAN_IX ON STUDY (REF_PHYSICIAN_FOLD)",
            "CREATE INDEX STUDY_RECEIVED_IX ON STUDY (RECEIVED)",

            "CREATE TABLE SERIES ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "STUDY_FK BIGINT NOT NULL, "
                    + "SERIES_UID VARCHAR(64) NOT NULL, "
                    + "MODALITY VARCHAR(16), SERIES_NO INT, SERIES_DESC VARCHAR(64), BODY_PART VARCHAR(16), "
                    + "NUM_INSTANCES INT DEFAULT 0 NOT NULL, "
                    + "RECEIVED TIMESTAMP NOT NULL, CHARSET VARCHAR(128), ATTRS ${SMALL_BINARY}, "
                    + "CONSTRAINT SERIES_UID_UQ UNIQUE (SERIES_UID), "
                    + "CONSTRAINT SERIES_STUDY_FK FOREIGN KEY (STUDY_FK) REFERENCES STUDY (PK))",
            "CREATE INDEX SERIES_STUDY_IX ON SERIES (STUDY_FK)",
            "CREATE INDEX SERIES_MODALITY_IX ON SERIES (MODALITY)",

            // one row per received copy: DUP_NO numbers kept duplicates of a SOP Instance UID (0 = first)
            "CREATE TABLE INSTANCE ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "SERIES_FK BIGINT NOT NULL, "
                    + "SOP_IUID VARCHAR(64) NOT NULL, DUP_NO INT DEFAULT 0 NOT NULL, "
                    + "SOP_CUID VARCHAR(64), INSTANCE_NO INT, NUM_FRAMES INT, "
                    + "RECEIVED TIMESTAMP NOT NULL, CHARSET VARCHAR(128), ATTRS ${SMALL_BINARY}, "
                    + "CONSTRAINT INSTANCE_UID_UQ UNIQUE (SOP_IUID, DUP_NO), "
                    + "CONSTRAINT INSTANCE_SERIES_FK FOREIGN KEY (SERIES_FK) REFERENCES SERIES (PK))",
            "CREATE INDEX INSTANCE_SERIES_IX ON INSTANCE (SERIES_FK)",

            "CREATE TABLE FILE_REF ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "INSTANCE_FK BIGINT NOT NULL, "
                    + "STORE_ID VARCHAR(64) NOT NULL, PATH VARCHAR(512) NOT NULL, "
                    + "SIZE_BYTES BIGINT NOT NULL, TSUID VARCHAR(64) NOT NULL, CHECKSUM VARCHAR(80), "
                    + "CREATED TIMESTAMP NOT NULL, "
                    + "CONSTRAINT FILE_INSTANCE_UQ UNIQUE (INSTANCE_FK), "
                    + "CONSTRAINT FILE_PATH_UQ UNIQUE (STORE_ID, PATH), "
                    + "CONSTRAINT FILE_INSTANCE_FK FOREIGN KEY (INSTANCE_FK) REFERENCES INSTANCE (PK))",

            "CREATE TABLE ASSOCIATION_LOG ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "EVENT_TIME TIMESTAMP NOT NULL, DIRECTION VARCHAR(8) NOT NULL, "
                    + "CALLING_AET VARCHAR(16), CALLED_AET VARCHAR(16), "
                    + "REMOTE_HOST VARCHAR(255), REMOTE_PORT INT, "
                    + "OUTCOME VARCHAR(16) NOT NULL, DETAIL VARCHAR(1024))",
            "CREATE INDEX ASSOCIATION_LOG_TIME_IX ON ASSOCIATION_LOG (EVENT_TIME)",

            "CREATE TABLE RECEIVE_LOG ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "EVENT_TIME TIMESTAMP NOT NULL, CALLING_AET VARCHAR(16), CALLED_AET VARCHAR(16), "
                    + "REMOTE_HOST VARCHAR(255), PAT_ID VARCHAR(64), PAT_NAME VARCHAR(324), "
                    + "STUDY_UID VARCHAR(64), NUM_INSTANCES INT DEFAULT 0 NOT NULL, "
                    + "SIZE_BYTES BIGINT DEFAULT 0 NOT NULL, OUTCOME VARCHAR(16) NOT NULL, STATUS INT, "
                    + "DETAIL VARCHAR(1024))",
            "CREATE INDEX RECEIVE_LOG_TIME_IX ON RECEIVE_LOG (EVENT_TIME)",

            "CREATE TABLE SEND_LOG ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "EVENT_TIME TIMESTAMP NOT NULL, CALLING_AET VARCHAR(16), DESTINATION_AET VARCHAR(16), "
                    + "REMOTE_HOST VARCHAR(255), PAT_ID VARCHAR(64), PAT_NAME VARCHAR(324), "
                    + "STUDY_UID VARCHAR(64), NUM_INSTANCES INT DEFAULT 0 NOT NULL, "
                    + "NUM_FAILED INT DEFAULT 0 NOT NULL, SIZE_BYTES BIGINT DEFAULT 0 NOT NULL, "
                    + "OUTCOME VARCHAR(16) NOT NULL, STATUS INT, JOB_FK BIGINT, DETAIL VARCHAR(1024))",
            "CREATE INDEX SEND_LOG_TIME_IX ON SEND_LOG (EVENT_TIME)",

            "CREATE TABLE DELETE_LOG ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "EVENT_TIME TIMESTAMP NOT NULL, STUDY_UID VARCHAR(64), PAT_ID VARCHAR(64), "
                    + "PAT_NAME VARCHAR(324), STUDY_DATE VARCHAR(8), NUM_INSTANCES INT DEFAULT 0 NOT NULL, "
                    + "SIZE_BYTES BIGINT DEFAULT 0 NOT NULL, REASON VARCHAR(1024) NOT NULL)",
            "CREATE INDEX DELETE_LOG_TIME_IX ON DELETE_LOG (EVENT_TIME)",

            "CREATE TABLE JOB ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "JOB_TYPE VARCHAR(32) NOT NULL, STATE VARCHAR(16) NOT NULL, DESCRIPTION VARCHAR(256), "
                    + "PAYLOAD ${LARGE_BINARY}, ATTEMPTS INT DEFAULT 0 NOT NULL, "
                    + "NEXT_ATTEMPT TIMESTAMP NOT NULL, PROGRESS_DONE INT DEFAULT 0 NOT NULL, "
                    + "PROGRESS_TOTAL INT DEFAULT 0 NOT NULL, ERROR VARCHAR(1024), OWNER VARCHAR(64), "
                    + "CREATED TIMESTAMP NOT NULL, UPDATED TIMESTAMP NOT NULL)",
            "CREATE INDEX JOB_DUE_IX ON JOB (STATE, NEXT_ATTEMPT)");

    /**
     * The transfer queue's own records: bytes sent per job, the outcome of every instance of a send (so that a
     * retry skips what arrived and the user sees what failed and why) and storage commitment per instance.
     */
    static final Migration V2 = Migration.of(2, "transfer queue: bytes, instance outcomes, storage commitment",
            "ALTER TABLE JOB ADD COLUMN PROGRESS_BYTES BIGINT DEFAULT 0 NOT NULL",

            "CREATE TABLE TRANSFER_INSTANCE ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "JOB_FK BIGINT NOT NULL, STUDY_UID VARCHAR(64), SOP_IUID VARCHAR(64) NOT NULL, "
                    + "SOP_CUID VARCHAR(64), OUTCOME VARCHAR(16) NOT NULL, SIZE_BYTES BIGINT DEFAULT 0 NOT NULL, "
                    + "REASON VARCHAR(1024), EVENT_TIME TIMESTAMP NOT NULL, "
                    + "CONSTRAINT TRANSFER_INSTANCE_UQ UNIQUE (JOB_FK, SOP_IUID), "
                    + "CONSTRAINT TRANSFER_INSTANCE_JOB_FK FOREIGN KEY (JOB_FK) REFERENCES JOB (PK) ON DELETE CASCADE)",

            // no foreign key to JOB: the commitment history outlives purged jobs
            "CREATE TABLE COMMITMENT ("
                    + "PK BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "TRANSACTION_UID VARCHAR(64) NOT NULL, JOB_FK BIGINT, REMOTE_AET VARCHAR(16), "
                    + "STUDY_UID VARCHAR(64), SOP_IUID VARCHAR(64) NOT NULL, SOP_CUID VARCHAR(64), "
                    + "STATE VARCHAR(16) NOT NULL, FAILURE_REASON INT, "
                    + "REQUESTED TIMESTAMP NOT NULL, UPDATED TIMESTAMP NOT NULL, "
                    + "CONSTRAINT COMMITMENT_UQ UNIQUE (TRANSACTION_UID, SOP_IUID))",
            "CREATE INDEX COMMITMENT_STUDY_IX ON COMMITMENT (STUDY_UID)",
            "CREATE INDEX COMMITMENT_JOB_IX ON COMMITMENT (JOB_FK)");

    /** Every step, oldest first. */
    public static final List<Migration> MIGRATIONS = List.of(V1, V2);
}
