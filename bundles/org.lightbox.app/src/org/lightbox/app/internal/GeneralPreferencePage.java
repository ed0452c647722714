package org.lightbox.app.internal;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.lightbox.app.Perspectives;
import org.lightbox.config.BuildInfo;
import org.lightbox.config.LightboxHome;

/** The root "Lightbox" preference page; the pages of the node, remote AEs, print etc. are added beneath it. */
public class GeneralPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.lightbox.app.preferences";

    private IWorkbench workbench;

    public GeneralPreferencePage() {
        super(GRID);
    }

    @Override
    public void init(IWorkbench wb) {
        this.workbench = wb;
        setPreferenceStore(WorkbenchPreferences.store());
        setDescription("General settings of the Lightbox workbench. " + BuildInfo.current().describe() + ".");
    }

    @Override
    protected void createFieldEditors() {
        Label home = new Label(getFieldEditorParent(), SWT.WRAP);
        home.setText("Data folder: " + LightboxHome.current()
                + "\n(set LIGHTBOX_HOME or start with --home DIR to use another one)");
        home.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));

        String[][] perspectives = new String[Perspectives.ALL.size()][];
        for (int i = 0; i < perspectives.length; i++) {
            String id = Perspectives.ALL.get(i);
            IPerspectiveDescriptor d = workbench.getPerspectiveRegistry().findPerspectiveWithId(id);
            perspectives[i] = new String[] { d == null ? id : d.getLabel(), id };
        }
        addField(new ComboFieldEditor(WorkbenchPreferences.INITIAL_PERSPECTIVE, "Open on &perspective:",
                perspectives, getFieldEditorParent()));
        addField(new BooleanFieldEditor(WorkbenchPreferences.CONFIRM_EXIT, "&Confirm before closing Lightbox",
                getFieldEditorParent()));
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        WorkbenchPreferences.flush();
        return ok;
    }
}
