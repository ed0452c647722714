package org.lightbox.storage.ui.internal.activity;

import java.io.IOException;
import java.text.NumberFormat;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.lightbox.catalog.CatalogException;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.Node;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.NodeListener;
import org.lightbox.storage.StoreUsage;

/**
 * The node's state (AE title, address, DICOM TLS port, running or not, associations, instances received) with Start
 * and Stop.
 * Node events only mark the panel stale; a {@link CoalescedRefresh} reads the node a few times a second at most,
 * so a thousand arriving instances cost a handful of repaints. Why the node could not start is shown here.
 */
public final class NodeStatusPanel extends Composite {

    private static final long REFRESH_MILLIS = 250;
    private static final long STORE_MILLIS = 5000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final NodeControl control;
    private final LocalNode local;
    private final Display display;
    private final Label aeTitle;
    private final Label address;
    private final Label tls;
    private final Label state;
    private final Label associations;
    private final Label received;
    private final Label store;
    private final Label problem;
    private final Button start;
    private final Button stop;
    private final CoalescedRefresh refresh;
    private final NodeListener listener = this::onEvent;
    private final Runnable watcher;
    private final AtomicLong receivedCount = new AtomicLong();
    private volatile LocalTime countingSince = LocalTime.now();
    /** The latest transitional state from the events: a snapshot waits while the node starts or stops. */
    private volatile Node.State eventState;
    private volatile String lastNodeFailure;
    private volatile boolean listening;
    /** The store line: a catalog query, so read at most every {@link #STORE_MILLIS}, after the events of that time. */
    private volatile String storeUsage = "reading...";
    private final CoalescedRefresh storeRefresh;

    public NodeStatusPanel(Composite parent, NodeControl control) {
        super(parent, SWT.NONE);
        this.control = control;
        this.local = control.node();
        this.display = parent.getDisplay();
        setLayout(new GridLayout(2, false));
        aeTitle = row("AE title:");
        address = row("Address:");
        tls = row("DICOM TLS:");
        state = row("State:");
        associations = row("Associations:");
        received = row("Received:");
        store = row("Store:");
        problem = new Label(this, SWT.WRAP);
        problem.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
        problem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        Composite buttons = new Composite(this, SWT.NONE);
        buttons.setLayout(new RowLayout());
        buttons.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false, 2, 1));
        start = new Button(buttons, SWT.PUSH);
        start.setText("&Start");
        start.addListener(SWT.Selection, e -> press(control::start));
        stop = new Button(buttons, SWT.PUSH);
        stop.setText("S&top");
        stop.addListener(SWT.Selection, e -> press(control::stop));
        start.setEnabled(false);
        stop.setEnabled(false);
        state.setText("reading...");

        refresh = new CoalescedRefresh("Node status", REFRESH_MILLIS, this::readNode);
        storeRefresh = new CoalescedRefresh("Node store", STORE_MILLIS, this::readStore);
        watcher = refresh::request;
        control.addWatcher(watcher);
        addListener(SWT.Dispose, e -> dispose(refresh));
        refresh.now();
        storeRefresh.now();
    }

    private Label row(String name) {
        Label n = new Label(this, SWT.NONE);
        n.setText(name);
        Label v = new Label(this, SWT.NONE);
        v.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return v;
    }

    private void press(Supplier<Job> action) {
        start.setEnabled(false);
        stop.setEnabled(false);
        action.get();
    }

    private void onEvent(NodeEvent e) {
        if (e instanceof NodeEvent.InstanceReceived) {
            receivedCount.incrementAndGet();
        } else if (e instanceof NodeEvent.StateChanged s) {
            eventState = s.state();
            if (s.state() == Node.State.RUNNING) {
                receivedCount.set(0);
                countingSince = LocalTime.now();
            }
        } else if (e instanceof NodeEvent.Failure f) {
            lastNodeFailure = f.describe();
        }
        refresh.request();
        storeRefresh.request(); // receptions and deletions change it: read once they have settled
    }

    /** In the store job: reads the store line, then has the panel show it. */
    private void readStore() {
        storeUsage = storeLine();
        refresh.request();
    }

    /** In the refresh job: registers with the node on the first run (that may wait), then reads it. */
    private void readNode() {
        if (!listening) {
            local.addListener(listener);
            listening = true;
        }
        NodeSnapshot snapshot = NodeSnapshot.of(local);
        if (!display.isDisposed()) {
            display.asyncExec(() -> show(snapshot));
        }
    }

    private String storeLine() {
        try {
            return StoreUsage.of(local.fileStore(), local.configuration().storage().autoDelete()).toString();
        } catch (IOException | CatalogException | RuntimeException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private void show(NodeSnapshot s) {
        if (isDisposed()) {
            return;
        }
        Node.State shown = s.state();
        Node.State transitional = eventState;
        if (control.busy() && (transitional == Node.State.STARTING || transitional == Node.State.STOPPING)) {
            shown = transitional;
        }
        if (s.settings() != null) {
            aeTitle.setText(s.settings().aeTitle());
            int port = s.port() > 0 ? s.port() : s.settings().port();
            address.setText(s.settings().bindAddress() + ":" + port);
            tls.setText(tlsText(s));
        } else {
            aeTitle.setText("?");
            address.setText("?");
            tls.setText("?");
        }
        state.setText(shown.name().toLowerCase() + (control.busy() && shown != transitional ? " (busy)" : ""));
        associations.setText(shown == Node.State.RUNNING ? s.associations() + " active" : "none");
        received.setText(NumberFormat.getIntegerInstance().format(receivedCount.get()) + " instance(s) since "
                + countingSince.format(CLOCK));
        store.setText(storeUsage);
        String why = control.failure() != null ? control.failure() : s.problem() != null ? s.problem()
                : lastNodeFailure;
        problem.setText(why == null ? "" : why);
        start.setEnabled(!control.busy() && shown == Node.State.STOPPED);
        stop.setEnabled(!control.busy() && shown == Node.State.RUNNING);
        layout(true, true);
    }

    /** The TLS port and whether callers must present a certificate; "off" when none is configured. */
    private static String tlsText(NodeSnapshot s) {
        if (!s.settings().tlsEnabled()) {
            return "off";
        }
        int port = s.tlsPort() > 0 ? s.tlsPort() : s.settings().tlsPort();
        return s.settings().bindAddress() + ":" + port + (s.settings().tlsClientAuth()
                ? " (client certificate required)" : " (no client certificate required)");
    }

    private void dispose(CoalescedRefresh r) {
        r.close();
        storeRefresh.close();
        control.removeWatcher(watcher);
        if (listening) {
            // LocalNode waits while the node starts or stops: unregister off the UI thread
            Job.create("Node status", m -> {
                local.removeListener(listener);
            }).schedule();
        }
    }

    // for tests

    String stateText() {
        return state.getText();
    }

    String addressText() {
        return address.getText();
    }

    String tlsText() {
        return tls.getText();
    }

    String problemText() {
        return problem.getText();
    }

    String associationsText() {
        return associations.getText();
    }

    String receivedText() {
        return received.getText();
    }

    String storeText() {
        return store.getText();
    }

    /** Reads the store line again now. */
    void refreshStore() {
        storeRefresh.now();
    }

    Button startButton() {
        return start;
    }

    Button stopButton() {
        return stop;
    }
}
