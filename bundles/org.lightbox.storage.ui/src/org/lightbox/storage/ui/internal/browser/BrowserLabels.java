package org.lightbox.storage.ui.internal.browser;

import org.eclipse.jface.viewers.ITableLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.lightbox.catalog.StudyRecord;

/** Cell texts of the {@link BrowserColumn}s; a padlock before a protected study's name. */
final class BrowserLabels extends LabelProvider implements ITableLabelProvider {

    private final Image lock;

    BrowserLabels(Display display) {
        lock = new Image(display, LockIcon.data());
    }

    @Override
    public Image getColumnImage(Object element, int columnIndex) {
        return columnIndex == BrowserColumn.NAME.ordinal() && element instanceof StudyRecord s && s.isProtected()
                ? lock : null;
    }

    @Override
    public String getColumnText(Object element, int columnIndex) {
        return BrowserColumn.values()[columnIndex].text(element);
    }

    @Override
    public void dispose() {
        lock.dispose();
        super.dispose();
    }
}
