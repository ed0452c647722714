package org.lightbox.storage.ui.internal.activity;

import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IStartup;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.storage.ui.internal.WorkbenchNodePreferences;

/**
 * Starts the node when the workbench starts, unless the preference "Start the node with the workbench" is off.
 * The start runs in a job; when it fails (port in use) the workbench carries on, and the failure is in the error
 * log and the node status view.
 */
public final class NodeStartup implements IStartup {

    @Override
    public void earlyStartup() {
        if (!WorkbenchNodePreferences.store().getBoolean(WorkbenchNodePreferences.START_WITH_WORKBENCH)) {
            return;
        }
        try {
            // held for the workbench's life (NodeControl is immediate anyway): the node must outlive this call
            BundleService<NodeControl> control = BundleService.get(NodeStartup.class, NodeControl.class);
            control.service().start();
        } catch (IllegalStateException e) {
            ILog.of(NodeStartup.class).error("cannot start the DICOM node with the workbench: " + e.getMessage(), e);
        }
    }
}
