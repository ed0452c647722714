package org.lightbox.query.ui.internal.remote;

import java.util.List;

import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * A row of the result tree: one match of a C-FIND at the study, series or image level, with its parent row. The
 * children of a study or series are read lazily by a further C-FIND; until then {@link #children()} is
 * {@code null}. Rows are created and their children set on the UI thread only.
 */
public final class RemoteNode {
    private final QueryLevel level;
    private final Attributes match;
    private final RemoteNode parent;
    private List<RemoteNode> children;
    private String error;

    public RemoteNode(QueryLevel level, Attributes match, RemoteNode parent) {
        this.level = level;
        this.match = match;
        this.parent = parent;
    }

    public QueryLevel level() {
        return level;
    }

    /** The match as the peer answered it (patient keys of a patient-rooted search merged into a study). */
    public Attributes match() {
        return match;
    }

    public RemoteNode parent() {
        return parent;
    }

    /** The children read so far, or {@code null} while not read. */
    public List<RemoteNode> children() {
        return children;
    }

    void children(List<RemoteNode> read) {
        this.children = List.copyOf(read);
        this.error = null;
    }

    /** Why reading the children failed, or {@code null}. */
    public String error() {
        return error;
    }

    void failed(String why) {
        this.error = why;
    }

    public boolean hasChildren() {
        return level != QueryLevel.IMAGE;
    }

    /** The study row this row belongs to (itself for a study). */
    public RemoteNode study() {
        RemoteNode n = this;
        while (n.parent != null) {
            n = n.parent;
        }
        return n;
    }

    public String patientId() {
        return study().match.getString(Tag.PatientID);
    }

    public String studyUid() {
        return study().match.getString(Tag.StudyInstanceUID);
    }

    /** The Series Instance UID of a series or instance row; {@code null} for a study. */
    public String seriesUid() {
        return level == QueryLevel.STUDY ? null : level == QueryLevel.SERIES ? match.getString(Tag.SeriesInstanceUID)
                : parent.match.getString(Tag.SeriesInstanceUID);
    }

    /** The row's own unique key: Study, Series or SOP Instance UID. */
    public String uid() {
        return match.getString(level == QueryLevel.STUDY ? Tag.StudyInstanceUID
                : level == QueryLevel.SERIES ? Tag.SeriesInstanceUID : Tag.SOPInstanceUID);
    }

    @Override
    public String toString() {
        return level + " " + uid();
    }
}
