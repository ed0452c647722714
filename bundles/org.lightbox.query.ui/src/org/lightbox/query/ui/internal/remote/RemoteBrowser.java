package org.lightbox.query.ui.internal.remote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.lightbox.catalog.InformationModel;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.query.Cancellation;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.query.transfer.RetrieveJob;
import org.lightbox.storage.LocalNode;

/**
 * The Remote perspective's query screen: pick a configured remote AE and the information model, fill in the form,
 * search (in a job; cancel sends C-CANCEL), browse the studies, series and instances found (read lazily on the
 * query association kept open while the screen is shown), and retrieve the selected rows through the transfer
 * queue by the remote AE's method (C-MOVE to our node or C-GET).
 */
public final class RemoteBrowser extends Composite {

    /** Where retrieves go: the transfer queue (or, in a test, anything that runs them). */
    @FunctionalInterface
    public interface RetrieveQueue {
        /** Queues one retrieve; returns its job id. */
        long submit(RetrieveJob job) throws Exception;
    }

    private final LocalNode node;
    private final RetrieveQueue queue;
    private final Combo remote;
    private final Button patientRoot;
    private final Button studyRoot;
    private final QueryForm form;
    private final Button search;
    private final Button cancel;
    private final Button retrieve;
    private final Button retrievePatient;
    private final Action retrievePatientAction = new Action("Retrieve All Studies of Patient") {
        @Override
        public void run() {
            retrievePatient();
        }
    };
    private final Label status;
    private final ResultTree results;
    private final List<RemoteAe> remotes = new ArrayList<>();
    private RemoteConnection connection;
    private Job running;
    private int searchesShown;
    private int echoes;

    public RemoteBrowser(Composite parent, LocalNode node, RetrieveQueue queue) {
        super(parent, SWT.NONE);
        this.node = node;
        this.queue = queue;
        setLayout(new GridLayout(1, false));

        Composite top = new Composite(this, SWT.NONE);
        top.setLayout(new GridLayout(6, false));
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(top, SWT.NONE).setText("Remote AE");
        remote = new Combo(top, SWT.READ_ONLY);
        remote.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        remote.addListener(SWT.Selection, e -> remoteChanged());
        Link test = new Link(top, SWT.NONE);
        test.setText("<a>Test</a>");
        test.setToolTipText("C-ECHO the remote AE");
        test.addListener(SWT.Selection, e -> echo());
        Label model = new Label(top, SWT.NONE);
        model.setText("Model");
        GridData gap = new GridData();
        gap.horizontalIndent = 16; // keeps "Test" from reading as part of "Model"
        model.setLayoutData(gap);
        patientRoot = new Button(top, SWT.RADIO);
        patientRoot.setText("Patient Root");
        studyRoot = new Button(top, SWT.RADIO);
        studyRoot.setText("Study Root");
        studyRoot.setSelection(true);

        form = new QueryForm(this, this::search);
        form.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        Composite buttons = new Composite(this, SWT.NONE);
        buttons.setLayout(new RowLayout());
        search = button(buttons, "Search", this::search);
        cancel = button(buttons, "Cancel", this::cancelSearch);
        cancel.setEnabled(false);
        button(buttons, "Clear", form::clear);
        retrieve = button(buttons, "Retrieve", this::retrieveSelection);
        retrieve.setEnabled(false);
        retrievePatient = button(buttons, "Retrieve All Studies of Patient", this::retrievePatient);
        status = new Label(this, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        results = new ResultTree(this);
        results.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        results.viewer().addSelectionChangedListener(e -> selectionChanged());
        selectionChanged();
        contextMenu();

        addDisposeListener(e -> {
            cancelSearch();
            closeConnection();
        });
        reloadRemotes();
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void contextMenu() {
        MenuManager m = new MenuManager("#RemoteResults");
        m.add(new Action("Retrieve") {
            @Override
            public void run() {
                retrieveSelection();
            }
        });
        m.add(retrievePatientAction);
        results.viewer().getTree().setMenu(m.createContextMenu(results.viewer().getTree()));
    }

    private void selectionChanged() {
        List<RemoteNode> rows = results.selection();
        retrieve.setEnabled(!rows.isEmpty());
        String why = PatientStudies.whyNot(rows);
        retrievePatient.setEnabled(why == null);
        retrievePatient.setToolTipText(why == null ? "Find every study of this patient at the remote AE, prior "
                + "studies included, and retrieve them all" : why);
        retrievePatientAction.setEnabled(why == null);
        retrievePatientAction.setToolTipText(retrievePatient.getToolTipText());
    }

    /** True when "Retrieve All Studies of Patient" is enabled for the selection (button and context menu). */
    public boolean canRetrievePatient() {
        return retrievePatientAction.isEnabled();
    }

    /** Reads the configured remote AEs again (after the preferences changed), keeping the selected one. */
    public void reloadRemotes() {
        String selected = selectedRemote() == null ? null : selectedRemote().aeTitle();
        remotes.clear();
        remote.removeAll();
        try {
            DeviceConfiguration c = node.configuration();
            remotes.addAll(c.remoteAes());
        } catch (IOException e) {
            status.setText("Cannot read the configuration: " + e.getMessage());
        }
        for (RemoteAe r : remotes) {
            remote.add(label(r));
        }
        int index = 0;
        for (int i = 0; i < remotes.size(); i++) {
            if (remotes.get(i).aeTitle().equals(selected)) {
                index = i;
            }
        }
        if (!remotes.isEmpty()) {
            remote.select(index);
        } else {
            status.setText("No remote AE is configured: add one in Preferences > Lightbox > Remote AEs");
        }
        remoteChanged();
    }

    private static String label(RemoteAe r) {
        return r.aeTitle() + " (" + r.host() + ":" + r.port() + ", " + (r.retrieve() == RetrieveMethod.GET
                ? "C-GET" : "C-MOVE") + ")" + (r.description() == null || r.description().isEmpty() ? ""
                        : " - " + r.description());
    }

    private void remoteChanged() {
        RemoteAe r = selectedRemote();
        if (connection != null && !connection.remote().equals(r)) {
            closeConnection();
        }
        search.setEnabled(r != null && running == null);
    }

    /** Verifies the picked remote AE with C-ECHO (in a job); the outcome goes to the status line. */
    public void echo() {
        RemoteAe r = selectedRemote();
        if (r == null) {
            return;
        }
        String aet;
        TlsSettings tls;
        try {
            aet = node.configuration().node().aeTitle();
            tls = node.configuration().tls();
        } catch (IOException e) {
            status.setText("Cannot read the configuration: " + e.getMessage());
            return;
        }
        status.setText("C-ECHO " + r.aeTitle() + "...");
        Job.create("C-ECHO " + r.aeTitle(), m -> {
            String line = RemoteEcho.echo(aet, r, tls, node.associationLog());
            if (!isDisposed()) {
                getDisplay().asyncExec(() -> {
                    if (!status.isDisposed()) {
                        status.setText(line);
                        echoes++;
                    }
                });
            }
        }).schedule();
    }

    /** How many C-ECHO tests have reported (tests wait for it). */
    public int echoes() {
        return echoes;
    }

    public RemoteAe selectedRemote() {
        int i = remote.getSelectionIndex();
        return i < 0 || i >= remotes.size() ? null : remotes.get(i);
    }

    /** Selects the remote AE titled {@code aeTitle}. */
    public void selectRemote(String aeTitle) {
        for (int i = 0; i < remotes.size(); i++) {
            if (remotes.get(i).aeTitle().equals(aeTitle)) {
                remote.select(i);
                remoteChanged();
                return;
            }
        }
        throw new IllegalArgumentException(aeTitle + " is not a configured remote AE");
    }

    public InformationModel model() {
        return patientRoot.getSelection() ? InformationModel.PATIENT_ROOT : InformationModel.STUDY_ROOT;
    }

    public void model(InformationModel m) {
        patientRoot.setSelection(m == InformationModel.PATIENT_ROOT);
        studyRoot.setSelection(m != InformationModel.PATIENT_ROOT);
    }

    public QueryForm form() {
        return form;
    }

    public ResultTree results() {
        return results;
    }

    public String status() {
        return status.getText();
    }

    /** How many searches have shown their results (tests wait for it). */
    public int searchesShown() {
        return searchesShown;
    }

    /** The kept query association, or {@code null} before the first search. */
    public RemoteConnection connection() {
        return connection;
    }

    /** Starts a search with the form's values, unless one runs. */
    public void search() {
        RemoteAe r = selectedRemote();
        if (r == null || running != null) {
            return;
        }
        QueryCriteria criteria = form.criteria();
        InformationModel model = model();
        try {
            criteria.studyRequest(model, "x"); // a typing error is shown now, before anything goes out
            criteria.patientRequest(InformationModel.PATIENT_ROOT);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        RemoteSearch by;
        try {
            if (connection == null) {
                connection = new RemoteConnection(QueryRetrieveScu.forNode(node.configuration())
                        .withAssociationListener(node.associationLog()), r);
            }
            by = new RemoteSearch(connection, model);
        } catch (IOException e) {
            status.setText("Cannot read the configuration: " + e.getMessage());
            return;
        }
        Cancellation cancellation = new Cancellation();
        // what run() found; done() reads it, on the worker after run(), or without run() after a cancel
        var outcome = new Object() {
            volatile boolean ran;
            volatile List<Attributes> found;
            volatile String error;
        };
        Job job = new Job("Searching " + r.aeTitle()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                outcome.ran = true;
                monitor.beginTask("C-FIND at " + r.aeTitle(), IProgressMonitor.UNKNOWN);
                try {
                    outcome.found = by.studies(criteria, cancellation);
                } catch (Exception e) {
                    outcome.error = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                monitor.done();
                return cancellation.isCancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            protected void canceling() {
                cancellation.cancel();
            }
        };
        // done() is told of every ending: after run(), and a cancel before run() -- also one that lands while the
        // job is about to run, when Job.cancel() returns false, canceling() is not called and run() never runs
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent e) {
                if (!isDisposed()) {
                    boolean ran = outcome.ran;
                    boolean cancelled = !ran || cancellation.isCancelled();
                    getDisplay().asyncExec(() -> searched(job, ran ? by : null, outcome.found, outcome.error,
                            cancelled));
                }
            }
        });
        running = job;
        search.setEnabled(false);
        cancel.setEnabled(true);
        status.setText("Searching " + r.aeTitle() + "...");
        job.setUser(false);
        job.schedule();
    }

    private void searched(Job job, RemoteSearch by, List<Attributes> found, String error, boolean cancelled) {
        if (isDisposed() || running != job) {
            return;
        }
        if (by == null) {
            running = null;
            cancel.setEnabled(false);
            search.setEnabled(selectedRemote() != null);
            status.setText("Search cancelled");
            searchesShown++;
            return;
        }
        running = null;
        cancel.setEnabled(false);
        search.setEnabled(selectedRemote() != null);
        if (error != null) {
            status.setText("Search failed: " + error);
        } else {
            results.show(by, found);
            status.setText(found.size() + (found.size() == 1 ? " study" : " studies") + " found"
                    + (cancelled ? " (cancelled)" : ""));
        }
        searchesShown++;
    }

    /** Cancels a running search: C-CANCEL is sent; what arrived so far is shown. */
    public void cancelSearch() {
        Job job = running;
        if (job != null) {
            job.cancel(); // the job's done() shows the end, whether or not it had started
        }
    }

    /** Queues retrieves of the selected rows; returns the job ids. */
    public List<Long> retrieveSelection() {
        List<RemoteNode> rows = results.selection();
        RemoteSearch from = results.search();
        List<Long> ids = new ArrayList<>();
        if (rows.isEmpty() || from == null) {
            return ids;
        }
        RemoteAe r = from.connection().remote();
        try {
            for (RetrieveJob j : RetrieveSelection.jobs(r, from.model(), rows)) {
                ids.add(queue.submit(j));
            }
            status.setText(ids.size() + " retrieve job(s) queued from " + r.aeTitle() + " by "
                    + (r.retrieve() == RetrieveMethod.GET ? "C-GET" : "C-MOVE") + "; see Activity > Transfers");
        } catch (Exception e) {
            status.setText("Cannot queue the retrieve: " + e.getMessage());
        }
        return ids;
    }

    /**
     * Retrieves every study the remote AE holds of the selected rows' one patient: a study-level C-FIND for the
     * Patient ID in a job, then the retrieve queued like {@link #retrieveSelection()}. Does nothing unless the rows
     * belong to exactly one patient with a Patient ID. The future completes on the UI thread with the job ids
     * queued (empty when nothing was, the reason being on the status line).
     */
    public CompletableFuture<List<Long>> retrievePatient() {
        CompletableFuture<List<Long>> done = new CompletableFuture<>();
        List<RemoteNode> rows = results.selection();
        RemoteSearch from = results.search();
        PatientStudies patient = PatientStudies.of(rows);
        if (from == null || patient == null) {
            String why = PatientStudies.whyNot(rows);
            status.setText(why == null ? "Search first" : why);
            done.complete(List.of());
            return done;
        }
        // the results' association, unless it was closed since (another remote AE picked): then one of our own
        RemoteConnection on = from.connection() == connection ? connection
                : new RemoteConnection(from.connection().scu(), from.connection().remote());
        boolean own = on != connection;
        InformationModel model = from.model();
        String who = patient.name().isEmpty() ? patient.id() : patient.name();
        Cancellation cancellation = new Cancellation();
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Job job = new Job("Finding the studies of " + who + " at " + on.remote().aeTitle()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                ran.set(true);
                List<Attributes> found = null;
                String error = null;
                try {
                    found = on.find(patient.studyQuery(model), cancellation);
                } catch (Exception e) {
                    error = e.getMessage() == null ? e.toString() : e.getMessage();
                } finally {
                    if (own) {
                        on.close();
                    }
                }
                List<Attributes> f = found;
                String why = error;
                if (isDisposed()) {
                    done.complete(List.of());
                } else {
                    getDisplay().asyncExec(() -> done.complete(patientFound(patient, on.remote(), model, f, why)));
                }
                return cancellation.isCancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            protected void canceling() {
                cancellation.cancel();
            }
        };
        // a job cancelled before run() never runs (see search()): its future still ends, with nothing queued
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent e) {
                if (!ran.get()) {
                    if (own) {
                        on.close();
                    }
                    if (!isDisposed()) {
                        getDisplay().asyncExec(() -> {
                            if (!isDisposed() && done.complete(List.of())) {
                                status.setText("Finding the studies of " + who + " cancelled");
                            }
                        });
                    } else {
                        done.complete(List.of());
                    }
                }
            }
        });
        status.setText("Finding the studies of " + who + " at " + on.remote().aeTitle() + "...");
        job.setUser(false);
        job.schedule();
        return done;
    }

    private List<Long> patientFound(PatientStudies patient, RemoteAe r, InformationModel model,
            List<Attributes> found, String error) {
        if (isDisposed()) {
            return List.of();
        }
        String who = patient.name().isEmpty() ? "patient " + patient.id() : patient.name();
        if (error != null) {
            status.setText("Cannot find the studies of " + who + ": " + error);
            return List.of();
        }
        List<RetrieveJob> jobs = patient.jobs(r, model, found);
        if (jobs.isEmpty()) {
            status.setText(r.aeTitle() + " holds no study of " + who);
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        try {
            for (RetrieveJob j : jobs) {
                ids.add(queue.submit(j));
            }
            int n = patient.studyUids(found).size();
            status.setText("Retrieve of " + n + (n == 1 ? " study" : " studies") + " of " + who + " queued from "
                    + r.aeTitle() + " by " + (r.retrieve() == RetrieveMethod.GET ? "C-GET" : "C-MOVE")
                    + "; see Activity > Transfers");
        } catch (Exception e) {
            status.setText("Cannot queue the retrieve: " + e.getMessage());
        }
        return ids;
    }

    private void closeConnection() {
        if (connection != null) {
            RemoteConnection c = connection;
            connection = null;
            // releasing waits for the peer: not on the UI thread
            Job close = Job.create("Closing the query association to " + c.remote().aeTitle(), m -> {
                c.close();
            });
            close.setSystem(true);
            close.schedule();
        }
    }
}
