package org.lightbox.app.internal;

import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Workbench-wide policy: restore the user's layout between sessions, open on the preferred perspective. */
public class LightboxWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new LightboxWindowAdvisor(configurer);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return WorkbenchPreferences.initialPerspective();
    }
}
