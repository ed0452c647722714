package org.lightbox.viewer.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.viewer.Viewer;

/** The Tags view: the dump of the image the Viewer shows, following it as the user steps through a series. */
public class TagsView extends ViewPart {

    public static final String ID = Viewer.TAGS_VIEW_ID;

    private DumpPanel panel;
    private ImageView followed;
    private final Runnable shown = this::refresh;

    private final IPartListener2 parts = new IPartListener2() {
        @Override
        public void partOpened(IWorkbenchPartReference ref) {
            follow(ref.getPart(false));
        }

        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            follow(ref.getPart(false));
        }

        @Override
        public void partClosed(IWorkbenchPartReference ref) {
            if (followed != null && ref.getPart(false) == followed) {
                unfollow();
                refresh();
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        panel = new DumpPanel(parent, SWT.NONE);
        getSite().getPage().addPartListener(parts);
        IViewPart viewer = getSite().getPage().findView(ImageView.ID);
        follow(viewer);
    }

    private void follow(IWorkbenchPart part) {
        if (!(part instanceof ImageView) || part == followed || ((ImageView) part).canvas() == null) {
            return;
        }
        unfollow();
        followed = (ImageView) part;
        followed.canvas().addShownListener(shown);
        refresh();
    }

    private void unfollow() {
        if (followed != null && followed.canvas() != null && !followed.canvas().isDisposed()) {
            followed.canvas().removeShownListener(shown);
        }
        followed = null;
    }

    private void refresh() {
        if (panel.isDisposed()) {
            return;
        }
        panel.show(followed == null || followed.canvas().isDisposed() ? null : followed.canvas().shownFrame());
    }

    /** The dump widget, for tests driving the workbench. */
    public DumpPanel panel() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(parts);
        unfollow();
        super.dispose();
    }
}
