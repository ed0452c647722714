package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.StructuredSelection;
import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.ui.internal.QrArchive;
import org.lightbox.query.ui.internal.RemoteCorpus;

/**
 * "Retrieve All Studies of Patient" against dcmqrscp: from a row of one study, every study of that patient (also
 * those the search did not list) lands in the local catalog and the other patient's does not; a selection of
 * several patients disables it; a remote AE that is down is reported on the status line.
 */
class PatientRetrieveTest extends RemoteBrowserHarness {

    private RemoteNode row(List<RemoteNode> studies, String uid) {
        return studies.stream().filter(s -> s.uid().equals(uid)).findFirst().orElseThrow(() -> new AssertionError(
                uid + " is not in the results: " + browser.status()));
    }

    private List<Long> retrievePatient() throws Exception {
        CompletableFuture<List<Long>> queued = browser.retrievePatient();
        waitFor("the patient's studies to be found", queued::isDone);
        return queued.get();
    }

    private TransferJob finish(long id) throws Exception {
        return transfers.queue().await(id, Duration.ofSeconds(60));
    }

    private Set<String> localStudies() throws Exception {
        Set<String> out = new TreeSet<>();
        for (String uid : List.of(RemoteCorpus.STUDY_1, RemoteCorpus.STUDY_2, RemoteCorpus.STUDY_3)) {
            if (node.node.catalog().study(uid).isPresent()) {
                out.add(uid);
            }
        }
        return out;
    }

    @Test
    void studyRootMoveFetchesThePriorStudyNotListedAndNotTheOtherPatient() throws Exception {
        node.node.start(); // the C-MOVE destination
        browser.selectRemote(QrArchive.AET);
        browser.model(InformationModel.STUDY_ROOT);
        browser.form().field("Study date from").setText("2024-03-01"); // lists the knee MR, not the prior thorax CT
        List<RemoteNode> studies = search();
        assertEquals(Set.of(RemoteCorpus.STUDY_2), studies.stream().map(RemoteNode::uid).collect(Collectors.toSet()),
                browser.status());
        browser.results().viewer().setSelection(new StructuredSelection(row(studies, RemoteCorpus.STUDY_2)));
        assertTrue(browser.canRetrievePatient());

        List<Long> jobs = retrievePatient();
        assertEquals(1, jobs.size(), "one request lists both studies: " + browser.status());
        TransferJob done = finish(jobs.get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.describe());
        assertEquals(corpus.ofStudy(RemoteCorpus.STUDY_1).size() + corpus.ofStudy(RemoteCorpus.STUDY_2).size(),
                done.done(), done.describe());
        assertTrue(done.description().startsWith("retrieve MUELLER, HANS: all 2 studies"), done.description());
        assertEquals(Set.of(RemoteCorpus.STUDY_1, RemoteCorpus.STUDY_2), localStudies(),
                "both studies of RQ001 and nothing of RQ002");
        StudyRecord prior = node.node.catalog().study(RemoteCorpus.STUDY_1).orElseThrow();
        assertEquals("RQ001", prior.patientId());
        assertEquals(corpus.ofStudy(RemoteCorpus.STUDY_1).size(), prior.numberOfInstances());
        assertTrue(browser.status().startsWith("Retrieve of 2 studies of MUELLER, HANS queued from "
                + QrArchive.AET), browser.status());
    }

    @Test
    void patientRootGetFromASeriesRowFetchesTheWholePatient() throws Exception {
        retrieveByGet();
        browser.model(InformationModel.PATIENT_ROOT);
        List<RemoteNode> studies = search();
        RemoteNode s1 = row(studies, RemoteCorpus.STUDY_1);
        RemoteNode aSeries = expand(s1).get(0);
        browser.results().viewer().setSelection(new StructuredSelection(aSeries));
        assertTrue(browser.canRetrievePatient(), "a series row names its patient too");

        List<Long> jobs = retrievePatient();
        assertEquals(1, jobs.size(), browser.status());
        TransferJob done = finish(jobs.get(0));
        assertEquals(JobState.COMPLETED, done.state(), done.describe());
        assertEquals(Set.of(RemoteCorpus.STUDY_1, RemoteCorpus.STUDY_2), localStudies());
        assertEquals(corpus.ofStudy(RemoteCorpus.STUDY_2).size(), node.node.catalog().study(RemoteCorpus.STUDY_2)
                .orElseThrow().numberOfInstances());
    }

    @Test
    void aSelectionOfSeveralPatientsDisablesTheAction() throws Exception {
        browser.selectRemote(QrArchive.AET);
        List<RemoteNode> studies = search();
        RemoteNode s1 = row(studies, RemoteCorpus.STUDY_1);
        RemoteNode s2 = row(studies, RemoteCorpus.STUDY_2);
        RemoteNode s3 = row(studies, RemoteCorpus.STUDY_3);
        assertFalse(browser.canRetrievePatient(), "nothing selected");
        browser.results().viewer().setSelection(new StructuredSelection(List.of(s1, s2)));
        assertTrue(browser.canRetrievePatient(), "two studies of RQ001");
        browser.results().viewer().setSelection(new StructuredSelection(List.of(s1, s3)));
        assertFalse(browser.canRetrievePatient(), "RQ001 and RQ002");

        int before = transfers.queue().jobs(Set.of(), 0).size();
        assertEquals(List.of(), retrievePatient(), "invoked anyway, it retrieves nothing");
        assertEquals("The selected rows belong to several patients", browser.status());
        assertEquals(before, transfers.queue().jobs(Set.of(), 0).size());
        assertEquals(Set.of(), localStudies());
    }

    @Test
    void aRemoteThatIsDownIsReportedOnTheStatusLine() throws Exception {
        browser.selectRemote(QrArchive.AET);
        List<RemoteNode> studies = search();
        browser.results().viewer().setSelection(new StructuredSelection(row(studies, RemoteCorpus.STUDY_3)));
        archive.dropAssociations();
        archive.close();
        assertEquals(List.of(), retrievePatient());
        assertTrue(browser.status().startsWith("Cannot find the studies of SMITH, ANNA: "), browser.status());
    }
}
