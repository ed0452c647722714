package org.lightbox.app.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;

/** Help > About Lightbox. */
public class AboutAction extends Action implements IWorkbenchAction {

    public static final String ID = "org.lightbox.app.about";

    private IWorkbenchWindow window;

    public AboutAction(IWorkbenchWindow window) {
        super("&About Lightbox");
        this.window = window;
        setId(ID);
    }

    @Override
    public void run() {
        if (window != null) {
            new AboutDialog(window.getShell()).open();
        }
    }

    @Override
    public void dispose() {
        window = null;
    }
}
