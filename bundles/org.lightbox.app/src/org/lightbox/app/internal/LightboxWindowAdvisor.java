package org.lightbox.app.internal;

import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The main window: title, size, tool bar and status line, and the optional exit confirmation. */
public class LightboxWindowAdvisor extends WorkbenchWindowAdvisor {

    public static final String TITLE = "Lightbox";

    public LightboxWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new LightboxActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer c = getWindowConfigurer();
        c.setInitialSize(new Point(1280, 800));
        c.setShowCoolBar(true);
        c.setShowPerspectiveBar(false); // the area buttons replace it
        c.setShowStatusLine(true);
        c.setShowProgressIndicator(true);
        c.setTitle(TITLE);
    }

    @Override
    public boolean preWindowShellClose() {
        if (!WorkbenchPreferences.confirmExit()) {
            return true;
        }
        MessageDialogWithToggle answer = MessageDialogWithToggle.openOkCancelConfirm(
                getWindowConfigurer().getWindow().getShell(), "Exit Lightbox",
                "Close Lightbox?",
                "Always ask before closing", true, null, null);
        WorkbenchPreferences.setConfirmExit(answer.getToggleState());
        return answer.getReturnCode() == MessageDialogWithToggle.OK;
    }
}
