package org.lightbox.app.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.lightbox.app.Perspectives;

/**
 * The layout shared by all areas: navigation on the left, the working area in the centre and details below it.
 * The folders start empty; each area's bundle stacks its views into them by perspective extension, so adding an
 * area's views never means editing this bundle.
 */
public class AreaPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editor = layout.getEditorArea();
        layout.createPlaceholderFolder(Perspectives.FOLDER_NAVIGATION, IPageLayout.LEFT, 0.36f, editor);
        layout.createPlaceholderFolder(Perspectives.FOLDER_MAIN, IPageLayout.RIGHT, 0.25f, editor);
        layout.createPlaceholderFolder(Perspectives.FOLDER_DETAILS, IPageLayout.BOTTOM, 0.70f,
                Perspectives.FOLDER_MAIN);
        for (String id : Perspectives.ALL) {
            layout.addPerspectiveShortcut(id);
        }
    }
}
