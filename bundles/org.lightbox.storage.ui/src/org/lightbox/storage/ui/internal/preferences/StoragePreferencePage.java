package org.lightbox.storage.ui.internal.preferences;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.NodeStorage;

/**
 * "Storage": where received files and the catalog live, what a second copy of an instance does, and when files
 * are forced to disk. The folder and the catalog are opened once per program run, so changing them takes effect
 * at the next start; the policies apply when the node restarts (at once).
 */
public final class StoragePreferencePage extends ConfigurationPage {

    public static final String ID = "org.lightbox.storage.ui.preferences.storage";

    private static final String[] DUPLICATES = { "Keep both copies", "Reject the new copy",
            "Replace the stored copy" };
    private static final String[] FSYNC = { "Every file, before it is acknowledged (survives power loss)",
            "In groups and when an association ends (faster)", "Left to the operating system (fastest)" };

    private Text storeFolder;
    private Label effectiveFolder;
    private Text catalogUrl;
    private Combo duplicates;
    private Combo fsync;
    private Button caseInsensitive;

    public StoragePreferencePage() {
        setDescription("Where the node keeps what it receives, and how.");
    }

    StoragePreferencePage(LocalNode node) {
        super(node);
    }

    @Override
    protected String settingsName() {
        return "storage";
    }

    @Override
    protected Control createForm(Composite parent, DeviceConfiguration config) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        Form f = new Form(c, this::changed);
        StorageSettings s = config.storage();

        f.label("Store &folder:");
        Composite folderRow = new Composite(c, SWT.NONE);
        GridLayout rowLayout = new GridLayout(2, false);
        rowLayout.marginWidth = 0;
        rowLayout.marginHeight = 0;
        folderRow.setLayout(rowLayout);
        folderRow.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        storeFolder = new Text(folderRow, SWT.BORDER);
        storeFolder.setText(s.storeFolder());
        storeFolder.setMessage("(in the data folder)");
        storeFolder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        storeFolder.addListener(SWT.Modify, e -> changed());
        Button browse = new Button(folderRow, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> browse());
        effectiveFolder = f.note("");

        catalogUrl = f.text("&Catalog JDBC URL:", s.catalogUrl(), "Empty: an embedded Derby database in the data "
                + "folder. A Derby network server URL lets several workstations share one catalog.");
        catalogUrl.setMessage("(embedded, in the data folder)");
        f.note("Store folder and catalog are opened when Lightbox starts: a change takes effect at the next start.");

        f.label("&Duplicates:");
        duplicates = combo(c, DUPLICATES, s.duplicates().ordinal());
        duplicates.setToolTipText("What storing a SOP Instance UID that is stored already does");
        f.label("Force files to &disk:");
        fsync = combo(c, FSYNC, s.fsync().ordinal());
        caseInsensitive = f.check("Match person names in C-FIND &ignoring case", s.caseInsensitiveNames(),
                "PS3.4 asks for case-sensitive matching; many sites expect otherwise");
        changed();
        return c;
    }

    private Combo combo(Composite parent, String[] items, int selected) {
        Combo combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setItems(items);
        combo.select(selected);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.addListener(SWT.Selection, e -> changed());
        return combo;
    }

    private void browse() {
        DirectoryDialog d = new DirectoryDialog(getShell());
        d.setText("Store folder");
        try {
            d.setFilterPath(effectiveStore().toString());
        } catch (InvalidPathException e) {
            // start wherever the dialog likes
        }
        String chosen = d.open();
        if (chosen != null) {
            storeFolder.setText(chosen);
        }
    }

    private Path effectiveStore() {
        return NodeStorage.storeRoot(node().home(), shown().storage().withStoreFolder(storeFolder.getText()));
    }

    private void changed() {
        if (effectiveFolder != null) {
            String where;
            try {
                where = effectiveStore().toString();
            } catch (InvalidPathException e) {
                where = "(not a valid path)";
            }
            String url = catalogUrl == null || catalogUrl.getText().isBlank()
                    ? CatalogLocation.defaultFor(node().home()).url() : catalogUrl.getText().strip();
            effectiveFolder.setText("Files go to " + where + "\nCatalog: " + url);
            effectiveFolder.getParent().layout(true);
        }
        validate();
    }

    @Override
    protected UnaryOperator<DeviceConfiguration> edit() {
        String folder = storeFolder.getText().strip();
        try {
            if (!folder.isEmpty() && !Path.of(folder).isAbsolute()) {
                throw new IllegalArgumentException("store folder '" + folder + "' must be an absolute path");
            }
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("store folder '" + folder + "' is not a valid path: " + e.getReason());
        }
        String url = catalogUrl.getText();
        StorageSettings.DEFAULTS.withCatalogUrl(url); // complains about a URL that is not JDBC
        StorageSettings.Duplicates dup = StorageSettings.Duplicates.values()[duplicates.getSelectionIndex()];
        StorageSettings.Fsync force = StorageSettings.Fsync.values()[fsync.getSelectionIndex()];
        boolean ignoreCase = caseInsensitive.getSelection();
        return current -> current.withStorage(current.storage().withStoreFolder(folder).withCatalogUrl(url)
                .withDuplicates(dup).withFsync(force).withCaseInsensitiveNames(ignoreCase));
    }

    @Override
    protected void performDefaults() {
        if (storeFolder == null) {
            return;
        }
        StorageSettings d = StorageSettings.DEFAULTS;
        storeFolder.setText(d.storeFolder());
        catalogUrl.setText(d.catalogUrl());
        duplicates.select(d.duplicates().ordinal());
        fsync.select(d.fsync().ordinal());
        caseInsensitive.setSelection(d.caseInsensitiveNames());
        changed();
        super.performDefaults();
    }

    // for tests

    Combo duplicatesCombo() {
        return duplicates;
    }

    Combo fsyncCombo() {
        return fsync;
    }

    String effectiveFolderText() {
        return effectiveFolder.getText();
    }
}
