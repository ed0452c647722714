package org.lightbox.storage.ui.internal.browser;

import java.nio.file.Path;
import java.util.List;

/**
 * What the browser asks of where it lives: the workbench view answers with the Viewer and dialogs, a test with
 * recorded answers. Called on the UI thread.
 */
public interface BrowserHost {

    /** Shows image files in the viewer. */
    void open(List<Path> files);

    /** Asks a yes/no question (a deletion); true for yes. */
    boolean confirm(String title, String message);

    /** Tells the user something that did not happen as asked (a refused deletion, a failed import). */
    void warn(String title, String message);

    /** A short message for the status line. */
    void status(String message);
}
