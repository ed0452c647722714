package org.lightbox.storage.ui.internal.preferences;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.storage.LocalNode;

/**
 * "Remote AEs": the applications Lightbox talks to, and the callers the node knows. Test verifies the selected
 * one with C-ECHO in a job and shows the outcome and round trip on the page.
 */
public final class RemoteAePreferencePage extends ConfigurationPage {

    public static final String ID = "org.lightbox.storage.ui.preferences.remoteAes";

    private final List<RemoteAe> remotes = new ArrayList<>();
    private TableViewer viewer;
    private Button edit;
    private Button remove;
    private Button test;
    private Label echoResult;
    private EchoJob echo;
    private boolean testing;

    public RemoteAePreferencePage() {
        setDescription("DICOM applications to send to, query and retrieve from. When unknown callers are not "
                + "accepted (DICOM Node page), only these AE titles may call the node.");
    }

    RemoteAePreferencePage(LocalNode node) {
        super(node);
    }

    @Override
    protected String settingsName() {
        return "remote AE";
    }

    @Override
    protected Control createForm(Composite parent, DeviceConfiguration config) {
        noDefaultButton();
        remotes.addAll(config.remoteAes());
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));

        viewer = new TableViewer(c, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
        td.heightHint = 200;
        td.widthHint = 420;
        table.setLayoutData(td);
        column("AE title", 110, RemoteAe::aeTitle);
        column("Host", 120, RemoteAe::host);
        column("Port", 55, r -> Integer.toString(r.port()));
        column("TLS", 40, r -> r.tls() ? "yes" : "");
        column("Retrieve", 65, r -> RemoteAes.shortName(r.retrieve()));
        column("Description", 150, RemoteAe::description);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(remotes);

        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "&Add...").addListener(SWT.Selection, e -> openDialog(-1));
        edit = button(buttons, "&Edit...");
        edit.addListener(SWT.Selection, e -> openDialog(selected()));
        remove = button(buttons, "&Remove");
        remove.addListener(SWT.Selection, e -> remove(selected()));
        test = button(buttons, "&Test");
        test.setToolTipText("Verify the selected AE with C-ECHO");
        test.addListener(SWT.Selection, e -> test(selected()));
        table.addListener(SWT.Selection, e -> updateButtons());
        table.addListener(SWT.DefaultSelection, e -> openDialog(selected()));

        echoResult = new Label(c, SWT.WRAP);
        GridData rd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        rd.widthHint = 420;
        echoResult.setLayoutData(rd);
        updateButtons();
        return c;
    }

    private void column(String title, int width, Function<RemoteAe, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((RemoteAe) element);
            }
        });
    }

    private static Button button(Composite parent, String text) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return b;
    }

    private int selected() {
        return viewer.getTable().getSelectionIndex();
    }

    private void updateButtons() {
        boolean one = selected() >= 0;
        edit.setEnabled(one);
        remove.setEnabled(one);
        test.setEnabled(one && !testing);
    }

    private void openDialog(int index) {
        RemoteAe initial = index >= 0 ? remotes.get(index) : null;
        Set<String> taken = new HashSet<>();
        for (RemoteAe r : remotes) {
            if (r != initial) {
                taken.add(r.aeTitle());
            }
        }
        RemoteAeDialog d = new RemoteAeDialog(getShell(), initial, taken);
        if (d.open() == Window.OK) {
            if (index >= 0) {
                replace(index, d.result());
            } else {
                add(d.result());
            }
        }
    }

    /** Adds an entry (the Add dialog's OK). */
    void add(RemoteAe r) {
        remotes.add(r);
        changed(remotes.size() - 1);
    }

    void replace(int index, RemoteAe r) {
        remotes.set(index, r);
        changed(index);
    }

    void remove(int index) {
        if (index >= 0) {
            remotes.remove(index);
            changed(Math.min(index, remotes.size() - 1));
        }
    }

    private void changed(int select) {
        viewer.refresh();
        if (select >= 0) {
            viewer.getTable().setSelection(select);
        }
        updateButtons();
        validate();
    }

    /** Selects an entry, as a click on its row does. */
    void select(int index) {
        viewer.getTable().setSelection(index);
        updateButtons();
    }

    /** Verifies the entry with C-ECHO, calling with the node's AE title. */
    void test(int index) {
        if (index < 0) {
            return;
        }
        RemoteAe r = remotes.get(index);
        echoResult.setText("Testing " + r + " ...");
        Display display = getShell().getDisplay();
        AssociationListener log = node().associationLog(); // the test shows in the association log
        echo = new EchoJob(shown().node().aeTitle(), r, shown().tls(), log, outcome -> display.asyncExec(() -> {
            testing = false;
            if (!echoResult.isDisposed()) {
                echoResult.setText(outcome.describe());
                echoResult.getParent().layout(true);
                updateButtons();
            }
        }));
        testing = true;
        echo.schedule();
        updateButtons();
    }

    @Override
    protected UnaryOperator<DeviceConfiguration> edit() {
        List<RemoteAe> list = List.copyOf(remotes);
        DeviceConfiguration.DEFAULTS.withRemoteAes(list); // complains about a title listed twice
        return current -> current.withRemoteAes(list);
    }

    @Override
    public void dispose() {
        if (echo != null) {
            echo.cancel();
        }
        super.dispose();
    }

    // for tests

    Button testButton() {
        return test;
    }

    String echoResultText() {
        return echoResult.getText();
    }

    Table table() {
        return viewer.getTable();
    }
}
