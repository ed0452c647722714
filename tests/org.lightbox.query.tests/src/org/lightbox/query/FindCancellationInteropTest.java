package org.lightbox.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.net.ConnectionOptions;

/**
 * Searches against dcmqrscp cancelled from another thread after a random delay of 0 to 20 ms, as the Remote view's
 * job is cancelled from the UI thread: the cancellation lands before the association is open, while it is being
 * negotiated, between the C-FIND-RQ and the first response, among the matches, or after the final response. Every
 * search must end within a few seconds with a cancelled or complete outcome, and the kept association must serve
 * the next search. A search that hangs fails with the stack of the thread it hangs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class FindCancellationInteropTest {
    private static final int SEARCHES = 200;
    /** Far beyond a search on loopback (milliseconds), far below any protocol timer (ARTIM, idle). */
    private static final long BOUND_SECONDS = 5;
    private static final int STUDIES = 4;

    private final QrCorpus corpus = new QrCorpus();
    private QrPeer peer;
    private QueryRetrieveScu scu;
    private ExecutorService searcher;
    private ScheduledExecutorService canceller;
    private final AtomicReference<Thread> searchThread = new AtomicReference<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        peer = new QrPeer(dir.resolve("qr"), Map.of());
        peer.load(corpus.write(dir.resolve("src")));
        scu = new QueryRetrieveScu("LIGHTBOX", ConnectionOptions.defaults());
        searcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "search");
            t.setDaemon(true);
            searchThread.set(t);
            return t;
        });
        canceller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cancel");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (searcher != null) {
                searcher.shutdownNow();
                canceller.shutdownNow();
            }
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
    }

    /** The association a search runs on: kept across searches (the Remote view's), or one per search. */
    private interface Searcher {
        List<Attributes> find(FindRequest rq, Cancellation c) throws IOException;
    }

    /**
     * The studies, as the Remote view searches: one study-level query in Study Root; in Patient Root the patients,
     * then the studies of each until cancelled.
     */
    private static List<Attributes> studies(Searcher on, InformationModel model, Cancellation c) throws IOException {
        if (model == InformationModel.STUDY_ROOT) {
            return on.find(FindRequest.of(model, QueryLevel.STUDY), c);
        }
        List<Attributes> out = new ArrayList<>();
        for (Attributes patient : on.find(FindRequest.of(model, QueryLevel.PATIENT), c)) {
            if (c.isCancelled()) {
                break;
            }
            out.addAll(on.find(FindRequest.of(model, QueryLevel.STUDY).match(Tag.PatientID,
                    patient.getString(Tag.PatientID)), c));
        }
        return out;
    }

    /** Collects the matches; a failure status or an ending other than success or cancel fails the search. */
    private static List<Attributes> collect(FindRequest rq, Cancellation c, FindRunner run) throws IOException {
        List<Attributes> out = new ArrayList<>();
        FindOutcome o = run.find(rq, m -> out.add(m), c);
        assertTrue(o.ok(), rq + ": " + o.describe());
        assertEquals(o.matches(), out.size(), rq + ": " + o.describe());
        return out;
    }

    private interface FindRunner {
        FindOutcome find(FindRequest rq, FindListener l, Cancellation c) throws IOException;
    }

    /**
     * Runs {@link #SEARCHES} searches, each cancelled after a random delay (a few not at all), and checks that each
     * ends in time with what a search may end with.
     */
    private void stress(String what, Searcher on, long seed) throws Exception {
        Random random = new Random(seed);
        int cancelledEarly = 0;
        for (int i = 0; i < SEARCHES; i++) {
            InformationModel model = random.nextBoolean() ? InformationModel.STUDY_ROOT
                    : InformationModel.PATIENT_ROOT;
            boolean cancel = i % 10 != 9; // every tenth runs to its end: the association still serves
            // half of the delays within the first 3 ms, where establishment and the first responses happen
            long delayMicros = random.nextBoolean() ? random.nextInt(3_000) : random.nextInt(20_000);
            Cancellation c = new Cancellation();
            Future<List<Attributes>> search = searcher.submit(() -> studies(on, model, c));
            ScheduledFuture<?> cancelling = cancel ? canceller.schedule(c::cancel, delayMicros, TimeUnit.MICROSECONDS)
                    : null;
            String which = what + " search " + i + " (seed " + seed + ", " + model
                    + (cancel ? ", cancelled after " + delayMicros + " us)" : ", not cancelled)");
            List<Attributes> found;
            try {
                found = search.get(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                Thread t = searchThread.get();
                String stack = Arrays.stream(t.getStackTrace()).map(f -> "\n    at " + f).collect(
                        Collectors.joining());
                fail(which + " did not end within " + BOUND_SECONDS + " s; it waits in:" + stack + "\ndcmqrscp:\n"
                        + peer.log());
                return;
            } catch (ExecutionException e) {
                throw new AssertionError(which + " failed: " + e.getCause(), e.getCause());
            }
            if (cancelling != null) {
                cancelling.get(BOUND_SECONDS, TimeUnit.SECONDS);
            }
            assertTrue(found.size() <= STUDIES, which + ": " + found.size() + " studies");
            if (!c.isCancelled()) {
                assertEquals(STUDIES, found.size(), which + ": a search not cancelled finds every study");
            } else if (found.size() < STUDIES) {
                cancelledEarly++;
            }
        }
        assertTrue(cancelledEarly > 0, what + ": no cancellation landed before the last match; the delays missed "
                + "the searches");
    }

    @Test
    void searchesOnAKeptAssociationEndPromptlyWhenCancelled() throws Exception {
        QuerySession[] kept = { scu.openSession(peer.remote()) };
        int[] opened = { 1 };
        try {
            stress("kept association", (rq, c) -> collect(rq, c, (r, l, cc) -> {
                if (!kept[0].isOpen()) {
                    kept[0] = scu.openSession(peer.remote());
                    opened[0]++;
                }
                return kept[0].find(r, l, cc);
            }), 7433);
            assertTrue(kept[0].isOpen(), "the association survives its cancelled queries");
            assertEquals(1, opened[0], "no cancellation cost the association");
        } finally {
            kept[0].close();
        }
    }

    @Test
    void searchesOnTheirOwnAssociationEndPromptlyWhenCancelled() throws Exception {
        stress("own association", (rq, c) -> collect(rq, c, (r, l, cc) -> scu.find(peer.remote(), r, l, cc)), 1964);
        assertFalse(peer.log().contains("DIMSE Failure"), "dcmqrscp aborted an association:\n" + peer.log());
    }
}
