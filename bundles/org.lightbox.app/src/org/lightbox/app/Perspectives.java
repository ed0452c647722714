package org.lightbox.app;

import java.util.List;

/**
 * Identifiers of the workbench's perspectives and of the folders each lays out, for bundles that contribute views
 * through {@code org.eclipse.ui.perspectiveExtensions} (use a folder id as {@code relative} with
 * {@code relationship="stack"}).
 */
public final class Perspectives {

    public static final String LOCAL_STUDIES = "org.lightbox.app.perspective.local";
    public static final String REMOTE = "org.lightbox.app.perspective.remote";
    public static final String WORKLIST_CAPTURE = "org.lightbox.app.perspective.worklist";
    public static final String PRINT = "org.lightbox.app.perspective.print";
    public static final String MEDIA = "org.lightbox.app.perspective.media";
    public static final String ACTIVITY = "org.lightbox.app.perspective.activity";

    /** In the order the perspective bar and the Window menu list them. */
    public static final List<String> ALL = List.of(LOCAL_STUDIES, REMOTE, WORKLIST_CAPTURE, PRINT, MEDIA, ACTIVITY);

    /** Left column: lists to pick from (studies, remote AEs, worklist items, media). */
    public static final String FOLDER_NAVIGATION = "org.lightbox.app.folder.navigation";
    /** Centre: the working area (viewer, result tables, film layout). */
    public static final String FOLDER_MAIN = "org.lightbox.app.folder.main";
    /** Bottom: details of the selection (tags, series, log entries). */
    public static final String FOLDER_DETAILS = "org.lightbox.app.folder.details";

    private Perspectives() {
    }
}
