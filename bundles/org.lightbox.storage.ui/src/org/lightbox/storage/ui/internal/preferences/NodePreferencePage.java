package org.lightbox.storage.ui.internal.preferences;

import java.io.IOException;
import java.util.function.UnaryOperator;

import org.eclipse.jface.preference.IPersistentPreferenceStore;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.lightbox.config.AeTitle;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.internal.WorkbenchNodePreferences;

/**
 * "DICOM Node": how the node presents itself (AE title, address, port, PDU size) and whom it lets in (unknown
 * callers, association limit, one transfer at a time per caller), plus whether the workbench starts it.
 */
public final class NodePreferencePage extends ConfigurationPage {

    public static final String ID = "org.lightbox.storage.ui.preferences.node";

    private Text aeTitle;
    private Text bindAddress;
    private Text port;
    private Text maxPdu;
    private Spinner maxAssociations;
    private Button acceptUnknown;
    private Button serialise;
    private Text tlsPort;
    private Button tlsClientAuth;
    private Button startWithWorkbench;

    public NodePreferencePage() {
        setDescription("The DICOM node of this workbench: it receives, answers queries and serves retrievals. "
                + "The settings are shared with 'lightbox node' on this data folder; applying them restarts a "
                + "running node.");
    }

    NodePreferencePage(LocalNode node, IPreferenceStore workbenchStore) {
        super(node);
        setPreferenceStore(workbenchStore);
    }

    @Override
    public void init(IWorkbench workbench) {
        super.init(workbench);
        setPreferenceStore(WorkbenchNodePreferences.store());
    }

    @Override
    protected String settingsName() {
        return "DICOM node";
    }

    @Override
    protected Control createForm(Composite parent, DeviceConfiguration config) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        Form f = new Form(c, this::validate);
        NodeSettings n = config.node();
        aeTitle = f.text("&AE title:", n.aeTitle(), "1 to " + AeTitle.MAX_LENGTH
                + " printable ASCII characters, no backslash; callers use it as the Called AE Title");
        bindAddress = f.text("&Listen on address:", n.bindAddress(), "0.0.0.0 listens on every interface");
        port = f.text("&Port:", Integer.toString(n.port()), "104 is DICOM's registered port but needs root; "
                + "11112 is the usual alternative");
        maxPdu = f.text("Maximum &PDU length (bytes):", Integer.toString(n.maxPduReceive()),
                NodeSettings.MIN_PDU + " to " + NodeSettings.MAX_PDU + "; larger PDUs speed up big transfers");
        maxAssociations = f.spinner("Maximum &associations:", 1, 1000, n.maxAssociations(),
                "Associations served at the same time; further requests are rejected (transient)");
        acceptUnknown = f.check("Accept &unknown callers", n.acceptUnknownCallers(),
                "When off, only the AE titles listed under Remote AEs may call the node");
        serialise = f.check("One transfer at a time per &caller", n.serialisePerCaller(),
                "A second association from the same calling AE is accepted, but its transfers wait until "
                        + "the first one ends");
        tlsPort = f.text("&TLS port:", Integer.toString(n.tlsPort()), "A second port for DICOM TLS ("
                + NodeSettings.REGISTERED_TLS_PORT + " is registered for it); 0 for none. It uses the key and "
                + "trust stores of <tls> in device.xml");
        tlsClientAuth = f.check("TLS callers must present a trusted c&ertificate", n.tlsClientAuth(),
                "When off, TLS callers need no certificate of their own (the AE title rules still apply)");
        f.note("Unknown callers: with the box off, a caller whose AE title is not in the Remote AEs table is "
                + "rejected ('calling AE title not recognized') and the rejection appears in the association log.");
        startWithWorkbench = f.check("&Start the node with the workbench",
                getPreferenceStore().getBoolean(WorkbenchNodePreferences.START_WITH_WORKBENCH),
                "When off, start it from the Activity perspective's Node view");
        return c;
    }

    @Override
    protected UnaryOperator<DeviceConfiguration> edit() {
        NodeSettings n = new NodeSettings(aeTitle.getText(), bindAddress.getText(), Form.integer(port, "port"),
                Form.integer(maxPdu, "maximum PDU length"), maxAssociations.getSelection(),
                acceptUnknown.getSelection(), serialise.getSelection(), Form.integer(tlsPort, "TLS port"),
                tlsClientAuth.getSelection());
        return current -> current.withNode(n);
    }

    @Override
    protected void performDefaults() {
        if (aeTitle == null) {
            return;
        }
        NodeSettings d = NodeSettings.DEFAULTS;
        aeTitle.setText(d.aeTitle());
        bindAddress.setText(d.bindAddress());
        port.setText(Integer.toString(d.port()));
        maxPdu.setText(Integer.toString(d.maxPduReceive()));
        maxAssociations.setSelection(d.maxAssociations());
        acceptUnknown.setSelection(d.acceptUnknownCallers());
        serialise.setSelection(d.serialisePerCaller());
        tlsPort.setText(Integer.toString(d.tlsPort()));
        tlsClientAuth.setSelection(d.tlsClientAuth());
        startWithWorkbench.setSelection(getPreferenceStore().getDefaultBoolean(
                WorkbenchNodePreferences.START_WITH_WORKBENCH));
        validate();
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        if (startWithWorkbench != null && !startWithWorkbench.isDisposed()) {
            IPreferenceStore store = getPreferenceStore();
            store.setValue(WorkbenchNodePreferences.START_WITH_WORKBENCH, startWithWorkbench.getSelection());
            if (store instanceof IPersistentPreferenceStore p && p.needsSaving()) {
                try {
                    p.save();
                } catch (IOException e) {
                    setErrorMessage("cannot save the workbench preferences: " + e.getMessage());
                    return false;
                }
            }
        }
        return super.performOk();
    }

    // for tests

    Text aeTitleField() {
        return aeTitle;
    }

    Text portField() {
        return port;
    }

    Text tlsPortField() {
        return tlsPort;
    }

    Button acceptUnknownBox() {
        return acceptUnknown;
    }
}
