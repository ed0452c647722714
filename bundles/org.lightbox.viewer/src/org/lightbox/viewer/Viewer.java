package org.lightbox.viewer;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.lightbox.viewer.internal.ImageView;

/**
 * How other bundles (the study browser, say) show images: {@code Viewer.open(page, files)} brings up the Viewer
 * view on {@code page} and opens the files (or folders) there, reading them in a background job.
 */
public final class Viewer {

    /** The image view ("Viewer"). */
    public static final String IMAGE_VIEW_ID = "org.lightbox.viewer.ImageView";
    /** The tags view ("Tags"): the dump of the image on display. */
    public static final String TAGS_VIEW_ID = "org.lightbox.viewer.TagsView";

    private Viewer() {
    }

    /**
     * Shows the viewer on {@code page} and opens {@code files} (files or folders) in it. UI thread.
     *
     * @throws PartInitException when the view cannot be created
     */
    public static ImageCanvas open(IWorkbenchPage page, List<Path> files) throws PartInitException {
        IViewPart part = page.showView(IMAGE_VIEW_ID);
        ImageView view = (ImageView) part;
        view.open(files);
        return view.canvas();
    }
}
