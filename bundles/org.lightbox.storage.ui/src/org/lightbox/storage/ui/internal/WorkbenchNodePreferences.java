package org.lightbox.storage.ui.internal;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * The workbench's own settings about its embedded node, kept in the workbench's instance area (the node's
 * configuration itself lives in the data folder's {@code config/device.xml}, shared with {@code lightbox node}).
 */
public final class WorkbenchNodePreferences {

    public static final String QUALIFIER = "org.lightbox.storage.ui";
    /** Whether the workbench starts the node when it starts (default on). */
    public static final String START_WITH_WORKBENCH = "startNodeWithWorkbench";

    private static ScopedPreferenceStore store;

    private WorkbenchNodePreferences() {
    }

    /** The defaults, for any store (a plain JFace store in tests). */
    public static void setDefaults(IPreferenceStore s) {
        s.setDefault(START_WITH_WORKBENCH, true);
    }

    /** The workbench's store, created on first use. */
    public static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, QUALIFIER);
            setDefaults(store);
        }
        return store;
    }
}
