package org.lightbox.catalog;

/** A study cannot be deleted now: it is pinned (being read or sent) or protected. */
public class StudyInUseException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final String studyUid;

    public StudyInUseException(String studyUid, String why) {
        super("study " + studyUid + " " + why);
        this.studyUid = studyUid;
    }

    public String studyUid() {
        return studyUid;
    }
}
