package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.StructuredSelection;
import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.dicom.core.Tag;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.storage.ui.PersonNames;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.ui.internal.QrArchive;
import org.lightbox.query.ui.internal.RemoteCorpus;

/**
 * The Remote screen against dcmqrscp: the search finds the archive's studies, the tree reads series and instances
 * lazily on the one kept association, and a retrieve (C-MOVE to our node, or C-GET) lands in the local catalog.
 */
class RemoteBrowserTest extends RemoteBrowserHarness {

    private static Set<String> uids(List<RemoteNode> rows) {
        return rows.stream().map(RemoteNode::uid).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void studyRootSearchShowsTheStudiesAndExpandsLazilyOnOneAssociation() {
        browser.selectRemote(QrArchive.AET);
        browser.model(InformationModel.STUDY_ROOT);
        List<RemoteNode> studies = search();
        assertEquals(Set.of(RemoteCorpus.STUDY_1, RemoteCorpus.STUDY_2, RemoteCorpus.STUDY_3), uids(studies),
                browser.status());
        RemoteNode s1 = studies.stream().filter(s -> s.uid().equals(RemoteCorpus.STUDY_1)).findFirst().orElseThrow();
        assertEquals("MUELLER, HANS", ResultColumn.ALL.get(0).text(s1));
        assertEquals("2024-01-05", column("Study Date").text(s1));
        assertEquals("Thorax CT", column("Description").text(s1));
        assertEquals("ACC1", column("Accession").text(s1));
        assertNull(s1.children(), "series are read when the study is expanded, not before");

        List<RemoteNode> series = expand(s1);
        assertEquals(Set.of(RemoteCorpus.STUDY_1 + ".1", RemoteCorpus.STUDY_1 + ".2"), uids(series));
        assertEquals("CT", column("Modality").text(series.get(0)));
        RemoteNode se = series.get(0);
        List<RemoteNode> instances = expand(se);
        assertEquals(corpus.ofSeries(se.uid()).stream().map(RemoteCorpus.Instance::sopUid).collect(
                Collectors.toSet()), uids(instances));
        assertEquals(QueryLevel.IMAGE, instances.get(0).level());
        // dcmqrscp answers Instance Number but not SOP Class UID at the image level
        assertTrue(ResultColumn.ALL.get(0).text(instances.get(0)).matches("Instance [12]"),
                ResultColumn.ALL.get(0).text(instances.get(0)));
        assertEquals(1, browser.connection().associationsOpened(), "search and expansions share one association");
    }

    @Test
    void patientRootSearchAppliesPatientAndStudyConditions() {
        browser.selectRemote(QrArchive.AET);
        browser.model(InformationModel.PATIENT_ROOT);
        browser.form().field("Patient name").setText("MUE*");
        browser.form().field("Study date from").setText("2024-03-01");
        List<RemoteNode> studies = search();
        assertEquals(Set.of(RemoteCorpus.STUDY_2), uids(studies), browser.status());
        RemoteNode s2 = studies.get(0);
        assertEquals("RQ001", column("Patient ID").text(s2), "patient keys are shown on the study row");
        assertEquals("1964-05-12", column("Birth Date").text(s2));
        List<RemoteNode> series = expand(s2);
        assertEquals(1, series.size());
        assertEquals(3, expand(series.get(0)).size());

        browser.form().clear();
        browser.form().sex().select(browser.form().sex().indexOf("F"));
        assertEquals(Set.of(RemoteCorpus.STUDY_3), uids(search()), browser.status());
    }

    @Test
    void aCancelledSearchEndsAndTheNextOneRuns() {
        browser.selectRemote(QrArchive.AET);
        int before = browser.searchesShown();
        browser.search();
        browser.cancelSearch();
        waitFor("the cancelled search to end", () -> browser.searchesShown() > before);
        assertTrue(browser.status().contains("cancelled"), browser.status());
        assertEquals(3, search().size(), "a new search runs after a cancelled one: " + browser.status());
    }

    @Test
    void everySearchCancelledAtOnceEnds() {
        // Eclipse Jobs: a cancel that lands while a worker is taking the job up returns false and run() never
        // runs; the search must still end (it once hung the browser). Each round is search, then cancel at once.
        browser.selectRemote(QrArchive.AET);
        for (int i = 0; i < 200; i++) {
            int before = browser.searchesShown();
            browser.search();
            browser.cancelSearch();
            int round = i;
            waitFor("search " + round + ", cancelled at once, to end", () -> browser.searchesShown() > before);
        }
        assertEquals(3, search().size(), "and a search after them all runs: " + browser.status());
    }

    @Test
    void theTestLinkEchoesThePickedRemote() {
        browser.selectRemote(QrArchive.AET);
        browser.echo();
        waitFor("the C-ECHO", () -> browser.echoes() > 0);
        assertTrue(browser.status().startsWith(QrArchive.AET + "@127.0.0.1:" + archive.port + ": C-ECHO success"),
                browser.status());
    }

    @Test
    void aBadDateIsReportedAndNothingIsSent() {
        browser.selectRemote(QrArchive.AET);
        browser.form().field("Study date to").setText("2024-02-30x");
        browser.search();
        assertTrue(browser.status().startsWith("Study date (to)"), browser.status());
        assertNull(browser.connection(), "no association for a form that does not validate");
    }

    @Test
    void retrieveByMoveLandsTheStudyInTheLocalCatalog() throws Exception {
        node.node.start(); // the C-MOVE destination
        browser.selectRemote(QrArchive.AET);
        List<RemoteNode> studies = search();
        RemoteNode s2 = studies.stream().filter(s -> s.uid().equals(RemoteCorpus.STUDY_2)).findFirst().orElseThrow();
        browser.results().viewer().setSelection(new StructuredSelection(s2));
        List<Long> jobs = browser.retrieveSelection();
        assertEquals(1, jobs.size(), browser.status());
        TransferJob done = finish(jobs.get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.describe());
        assertEquals(3, done.done(), done.describe());
        assertTrue(done.bytes() > 0, "a C-MOVE counts what the node received from the source: " + done.describe());
        String patient = PersonNames.display(s2.match().getString(Tag.PatientName));
        assertTrue(done.description().startsWith("retrieve " + patient + ": "), "named for people: "
                + done.description());
        StudyRecord local = node.node.catalog().study(RemoteCorpus.STUDY_2).orElseThrow();
        assertEquals(3, local.numberOfInstances());
        assertEquals("RQ001", local.patientId());
    }

    @Test
    void retrieveByGetOfSeriesAndInstancesLandsInTheLocalCatalog() throws Exception {
        // the retrieve method is per remote AE: switch the archive to C-GET (our node is not even running)
        retrieveByGet();
        List<RemoteNode> studies = search();
        RemoteNode s1 = studies.stream().filter(s -> s.uid().equals(RemoteCorpus.STUDY_1)).findFirst().orElseThrow();
        List<RemoteNode> series = expand(s1);
        RemoteNode whole = series.stream().filter(s -> s.uid().endsWith(".1")).findFirst().orElseThrow();
        RemoteNode other = series.stream().filter(s -> s.uid().endsWith(".2")).findFirst().orElseThrow();
        RemoteNode oneInstance = expand(other).get(0);
        browser.results().viewer().setSelection(new StructuredSelection(List.of(whole, oneInstance)));
        List<Long> jobs = browser.retrieveSelection();
        assertEquals(2, jobs.size(), "a series and an instance of another series are two requests");
        for (long id : jobs) {
            TransferJob done = finish(id);
            assertEquals(JobState.COMPLETED, done.state(), done.describe());
        }
        Set<String> local = node.node.catalog().instancesOfStudy(RemoteCorpus.STUDY_1).stream()
                .map(f -> f.sopInstanceUid()).collect(Collectors.toSet());
        Set<String> expected = new TreeSet<>();
        corpus.ofSeries(whole.uid()).forEach(x -> expected.add(x.sopUid()));
        expected.add(oneInstance.uid());
        assertEquals(expected, local);
        assertEquals(org.lightbox.dicom.core.UID.CTImageStorage, node.node.catalog()
                .instances(List.of(oneInstance.uid())).get(0).sopClassUid());
    }

    private TransferJob finish(long id) throws Exception {
        TransferQueue q = transfers.queue();
        TransferJob j = q.await(id, Duration.ofSeconds(60));
        return j;
    }

    private static ResultColumn column(String title) {
        return ResultColumn.ALL.stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
    }
}
