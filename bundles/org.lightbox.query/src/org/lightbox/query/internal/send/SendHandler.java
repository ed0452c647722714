package org.lightbox.query.internal.send;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.CommitmentRecord;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.Pin;
import org.lightbox.catalog.TransferRecords.CommitmentItem;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.query.internal.commit.CommitmentReports;
import org.lightbox.query.internal.commit.CommitmentScu;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.query.transfer.TransferAttempt;
import org.lightbox.query.transfer.TransferException;
import org.lightbox.query.transfer.TransferHandler;
import org.lightbox.query.transfer.TransferQueueSettings;

/**
 * Runs send jobs: resolves the request to stored instances, skips those that arrived in an earlier attempt, pins
 * the studies (auto-delete leaves them alone meanwhile), sends the rest over as few associations as the
 * presentation contexts allow, records every instance's outcome and the progress, then asks for storage
 * commitment if requested and writes the send log. A broken association fails the attempt (the queue retries);
 * a problem of one instance fails that instance alone.
 */
public final class SendHandler implements TransferHandler {

    private final FileStore store;
    private final Catalog catalog;
    private final TransferQueueSettings settings;
    private final AssociationListener watcher;
    private final InstanceStore sender;
    private final CommitmentScu commitment;
    private final SendLog log;

    /** @param watcher told about every association the handler opens (the association log) */
    public SendHandler(FileStore store, TransferQueueSettings settings, CommitmentReports reports,
            AssociationListener watcher) {
        this.store = store;
        this.catalog = store.catalog();
        this.settings = settings;
        this.watcher = watcher;
        this.sender = new InstanceStore(store);
        this.commitment = new CommitmentScu(catalog.transferRecords(), reports, settings.commitmentWait(), watcher);
        this.log = new SendLog(catalog);
    }

    @Override
    public String type() {
        return SendRequest.TYPE;
    }

    @Override
    public void run(TransferAttempt attempt) throws Exception {
        SendRequest rq;
        try {
            rq = SendPayload.decode(attempt.payload());
        } catch (IOException e) {
            throw new TransferException("job " + attempt.jobId() + ": " + e.getMessage(), false, e);
        }
        RemoteAe peer = rq.destination();
        String calling = rq.callingAet() != null ? rq.callingAet() : settings.callingAet();
        ConnectionOptions options = options(peer);
        List<InstanceFile> all = select(rq);
        if (all.isEmpty()) {
            throw new TransferException("nothing to send: no stored instance of " + rq.describe(), false);
        }
        Map<String, InstanceOutcome> earlier = new HashMap<>();
        for (InstanceOutcome o : attempt.outcomes()) {
            earlier.put(o.sopInstanceUid(), o);
        }
        List<InstanceFile> todo = new ArrayList<>();
        int done = 0;
        long bytes = 0;
        for (InstanceFile f : all) {
            InstanceOutcome o = earlier.get(f.sopInstanceUid());
            if (o != null && o.result().arrived()) {
                done++;
                bytes += o.bytes();
            } else {
                todo.add(f);
            }
        }
        attempt.progress(done, all.size(), bytes);
        try {
            sendAll(attempt, peer, calling, options, all.size(), todo, done, bytes);
        } catch (IOException | CatalogException | RuntimeException e) {
            if (attempt.stopRequested()) {
                return;
            }
            if (attempt.lastAttempt()) {
                log.record(attempt.jobId(), calling, peer.aeTitle(), peer.host(), attempt.outcomes(), e.getMessage());
            }
            throw e;
        }
        if (attempt.stopRequested()) {
            return;
        }
        List<InstanceOutcome> outcomes = attempt.outcomes();
        // logged (and the studies marked SENT) before commitment, which may mark them COMMITTED; an attempt that
        // only repeats a failed commitment request sent nothing, and its job is logged already
        if (!todo.isEmpty()) {
            log.record(attempt.jobId(), calling, peer.aeTitle(), peer.host(), outcomes, null);
        }
        if (rq.commit()) {
            requestCommitment(attempt, peer, calling, options, outcomes);
        }
    }

    private ConnectionOptions options(RemoteAe peer) throws TransferException {
        ConnectionOptions o = settings.connection();
        if (peer.tls() && o.tls() == null) {
            throw new TransferException(peer + " needs TLS, and no TLS key and trust stores are configured", false);
        }
        return peer.tls() ? o : o.withTls(null);
    }

    /** The stored instances of the request, each SOP instance once, in study, series and instance order. */
    private List<InstanceFile> select(SendRequest rq) throws CatalogException {
        Map<String, InstanceFile> out = new LinkedHashMap<>();
        for (String study : rq.studyUids()) {
            catalog.instancesOfStudy(study).forEach(f -> out.putIfAbsent(f.sopInstanceUid(), f));
        }
        for (String series : rq.seriesUids()) {
            catalog.instancesOfSeries(series).forEach(f -> out.putIfAbsent(f.sopInstanceUid(), f));
        }
        if (!rq.instanceUids().isEmpty()) {
            catalog.instances(rq.instanceUids()).forEach(f -> out.putIfAbsent(f.sopInstanceUid(), f));
        }
        return new ArrayList<>(out.values());
    }

    private void sendAll(TransferAttempt attempt, RemoteAe peer, String calling, ConnectionOptions options, int total,
            List<InstanceFile> todo, int done, long bytes) throws IOException, CatalogException {
        List<Pin> pins = new ArrayList<>();
        try {
            Set<String> studies = new LinkedHashSet<>();
            todo.forEach(f -> studies.add(f.studyUid()));
            for (String s : studies) {
                pins.add(catalog.pin(s));
            }
            for (StoreContexts.Batch b : StoreContexts.plan(todo)) {
                Association a = null;
                try {
                    for (InstanceFile f : b.instances()) {
                        if (attempt.stopRequested()) {
                            return;
                        }
                        if (a == null || !a.isOpen()) {
                            a = new Connector(options).addListener(watcher).open(peer.host(), peer.port(),
                                    b.request(peer.aeTitle(), calling));
                            attempt.onStop(a::abort);
                        }
                        InstanceStore.Result r = sender.send(a, f);
                        attempt.record(new InstanceOutcome(attempt.jobId(), f.studyUid(), f.sopInstanceUid(),
                                f.sopClassUid(), r.outcome(), r.bytes(), r.reason(), Instant.now()));
                        done++;
                        bytes += r.bytes();
                        attempt.progress(done, total, bytes);
                    }
                } finally {
                    attempt.onStop(null);
                    if (a != null && a.isOpen()) {
                        try {
                            a.release();
                        } catch (IOException e) {
                            a.abort();
                        }
                    }
                }
            }
        } finally {
            pins.forEach(Pin::close);
        }
    }

    /** Asks for commitment of what arrived, unless an earlier attempt's request is pending or answered. */
    private void requestCommitment(TransferAttempt attempt, RemoteAe peer, String calling, ConnectionOptions options,
            List<InstanceOutcome> outcomes) throws IOException, CatalogException, InterruptedException {
        for (CommitmentRecord r : catalog.transferRecords().commitmentsOfJob(attempt.jobId())) {
            if (r.state() != CommitmentRecord.State.FAILED) {
                return;
            }
        }
        List<CommitmentItem> items = new ArrayList<>();
        for (InstanceOutcome o : outcomes) {
            if (o.result().arrived()) {
                items.add(new CommitmentItem(o.studyUid(), o.sopClassUid(), o.sopInstanceUid()));
            }
        }
        if (!items.isEmpty()) {
            commitment.request(peer, calling, options, attempt.jobId(), items);
        }
    }
}
