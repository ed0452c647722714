package org.lightbox.storage.ui.internal.preferences;

import java.io.IOException;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.BundleService;

/**
 * A preference page over one part of the node's configuration ({@code config/device.xml}, shared with
 * {@code lightbox node}). Each page edits only its part: Apply reads the configuration in force, replaces that
 * part and hands the result to {@link LocalNode#reconfigure} in a job, so pages applied together compose. What
 * the user typed is checked by the configuration's own records; their complaint is the page's error message.
 */
abstract class ConfigurationPage extends PreferencePage implements IWorkbenchPreferencePage {

    /** Reconfigurations run one at a time, each on the result of the previous one. */
    static final ISchedulingRule RECONFIGURATION = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    private LocalNode node;
    private BundleService<LocalNode> service;
    private DeviceConfiguration shown;
    private Job lastApply;

    /** For the workbench: the node comes from the service registry in {@link #init}. */
    ConfigurationPage() {
    }

    /** For tests: a given node. */
    ConfigurationPage(LocalNode node) {
        this.node = node;
    }

    @Override
    public void init(IWorkbench workbench) {
        if (node == null) {
            try {
                service = BundleService.get(getClass(), LocalNode.class);
                node = service.service();
            } catch (IllegalStateException e) {
                setErrorMessage(e.getMessage());
            }
        }
    }

    LocalNode node() {
        return node;
    }

    @Override
    protected final Control createContents(Composite parent) {
        if (node == null) {
            return message(parent, "The node's configuration is not available.");
        }
        try {
            // the file, not LocalNode.configuration(): that waits while the node starts, the UI thread must not
            shown = new ConfigurationStore(node.home()).load();
        } catch (IOException e) {
            setValid(false);
            setErrorMessage(e.getMessage());
            return message(parent, "The configuration in " + node.home().configuration()
                    + " cannot be read; fix or remove the file.");
        }
        Control c = createForm(parent, shown);
        validate();
        return c;
    }

    private static Control message(Composite parent, String text) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText(text);
        l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return l;
    }

    /** What the page sets, for job names and messages ("DICOM node"). */
    protected abstract String settingsName();

    /** Builds the page's widgets showing {@code config}. */
    protected abstract Control createForm(Composite parent, DeviceConfiguration config);

    /**
     * What the widgets say, as a change that replaces this page's part of a configuration. Read on the UI thread;
     * the change itself touches no widget, so the apply job can run it on the configuration then in force.
     *
     * @throws IllegalArgumentException saying what is wrong with the input
     */
    protected abstract UnaryOperator<DeviceConfiguration> edit();

    /** Checks the widgets; the problem becomes the page's error message. Call on every change. */
    protected final void validate() {
        if (shown == null) {
            return;
        }
        String problem;
        try {
            edit().apply(shown);
            problem = null;
        } catch (IllegalArgumentException | NullPointerException e) {
            problem = e.getMessage() == null ? "incomplete input" : e.getMessage();
        }
        setErrorMessage(problem);
        setValid(problem == null);
    }

    /** The configuration shown when the page opened, or as last applied. */
    protected final DeviceConfiguration shown() {
        return shown;
    }

    @Override
    public boolean performOk() {
        if (shown == null) {
            return true;
        }
        validate();
        if (!isValid()) {
            return false;
        }
        UnaryOperator<DeviceConfiguration> change = edit();
        DeviceConfiguration mine = change.apply(shown);
        if (!mine.equals(shown)) {
            lastApply = reconfigure(node, change, settingsName());
            shown = mine;
        }
        return true;
    }

    /** The job of the last Apply or OK that changed something; {@code null} if none did. */
    Job lastApply() {
        return lastApply;
    }

    /**
     * Applies {@code change} to the configuration in force and reconfigures the node with it, in a job. A
     * failure (disk full, read-only folder) is the job's error status: the workbench reports it once.
     */
    static Job reconfigure(LocalNode node, UnaryOperator<DeviceConfiguration> change, String what) {
        Job job = new Job("Applying the " + what + " settings") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                try {
                    DeviceConfiguration current = node.configuration();
                    DeviceConfiguration changed = change.apply(current);
                    if (!changed.equals(current)) {
                        node.reconfigure(changed); // restarts a running node
                    }
                    return Status.OK_STATUS;
                } catch (IOException | RuntimeException e) {
                    return Status.error("cannot apply the " + what + " settings: " + e.getMessage(), e);
                } finally {
                    monitor.done();
                }
            }
        };
        job.setRule(RECONFIGURATION);
        job.setUser(true);
        job.schedule();
        return job;
    }

    @Override
    public void dispose() {
        if (service != null) {
            service.close();
        }
        super.dispose();
    }
}
