package org.lightbox.storage.ui.internal.preferences;

import java.util.Set;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;

/** Adds or edits one remote AE; OK is enabled only for a valid entry whose AE title is not taken. */
final class RemoteAeDialog extends TitleAreaDialog {

    private final RemoteAe initial;
    private final Set<String> takenTitles;
    private Text aeTitle;
    private Text host;
    private Text port;
    private Button tls;
    private Text description;
    private Combo retrieve;
    private RemoteAe result;

    /**
     * @param initial     the entry to edit, {@code null} to add one
     * @param takenTitles the AE titles of the other entries
     */
    RemoteAeDialog(Shell parent, RemoteAe initial, Set<String> takenTitles) {
        super(parent);
        this.initial = initial;
        this.takenTitles = Set.copyOf(takenTitles);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(initial == null ? "Add a remote AE" : "Edit remote AE " + initial.aeTitle());
        setMessage("A DICOM application Lightbox sends to, queries and retrieves from, and that may call the node.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Form f = new Form(c, this::validate);
        aeTitle = f.text("&AE title:", initial == null ? "" : initial.aeTitle(), "Its AE title, as it calls us");
        host = f.text("&Host:", initial == null ? "" : initial.host(), "Host name or IP address");
        port = f.text("&Port:", initial == null ? "104" : Integer.toString(initial.port()), "Its listening port");
        tls = f.check("Use &TLS", initial != null && initial.tls(), "DICOM secure transport (TLS 1.2/1.3)");
        description = f.text("&Description:", initial == null ? "" : initial.description(),
                "What it is, e.g. 'CT scanner, room 2'");
        f.label("&Retrieve by:");
        retrieve = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        retrieve.setItems(RemoteAes.RETRIEVE_CHOICES);
        retrieve.select((initial == null ? RetrieveMethod.MOVE : initial.retrieve()).ordinal());
        retrieve.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(initial == null ? "Add Remote AE" : "Edit Remote AE");
    }

    /** The entry the fields describe; throws IllegalArgumentException saying what is wrong. */
    RemoteAe entry() {
        RemoteAe r = RemoteAes.of(aeTitle.getText(), host.getText(), Form.integer(port, "port"),
                tls.getSelection(), description.getText(), RetrieveMethod.values()[retrieve.getSelectionIndex()]);
        if (takenTitles.contains(r.aeTitle())) {
            throw new IllegalArgumentException("remote AE " + r.aeTitle() + " is listed already");
        }
        return r;
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null) {
            return;
        }
        String problem = null;
        try {
            entry();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        setErrorMessage(problem);
        ok.setEnabled(problem == null);
    }

    @Override
    protected void okPressed() {
        result = entry();
        super.okPressed();
    }

    /** The entry after OK, else {@code null}. */
    RemoteAe result() {
        return result;
    }
}
