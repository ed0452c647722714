package org.lightbox.app.internal;

import java.io.IOException;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.lightbox.app.Perspectives;

/** The workbench's own preferences, kept in the instance area (the per-user workbench folder). */
final class WorkbenchPreferences {

    static final String QUALIFIER = "org.lightbox.app";
    static final String INITIAL_PERSPECTIVE = "initialPerspective";
    static final String CONFIRM_EXIT = "confirmExit";

    private static ScopedPreferenceStore store;

    private WorkbenchPreferences() {
    }

    /** One store per workbench, created on first use on the UI thread. */
    static synchronized ScopedPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, QUALIFIER);
            store.setDefault(INITIAL_PERSPECTIVE, Perspectives.LOCAL_STUDIES);
            store.setDefault(CONFIRM_EXIT, false);
        }
        return store;
    }

    static String initialPerspective() {
        String id = store().getString(INITIAL_PERSPECTIVE);
        return Perspectives.ALL.contains(id) ? id : Perspectives.LOCAL_STUDIES;
    }

    static boolean confirmExit() {
        return store().getBoolean(CONFIRM_EXIT);
    }

    static void setConfirmExit(boolean confirm) {
        store().setValue(CONFIRM_EXIT, confirm);
        flush();
    }

    static void flush() {
        try {
            store().save();
        } catch (IOException e) {
            System.getLogger(WorkbenchPreferences.class.getName()).log(System.Logger.Level.WARNING,
                    "could not save workbench preferences", e);
        }
    }
}
