package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.query.FindRequest;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.query.transfer.RetrieveJob;

/** Which patient a selection names, the C-FIND for its studies and the retrieve chosen from the matches. */
class PatientStudiesTest {

    private static final RemoteAe PEER = new RemoteAe("PEER", "127.0.0.1", 104, false, "");

    private static Attributes study(String pid, String issuer, String uid) {
        Attributes a = new Attributes();
        if (pid != null) {
            a.setString(Tag.PatientID, VR.LO, pid);
        }
        if (issuer != null) {
            a.setString(Tag.IssuerOfPatientID, VR.LO, issuer);
        }
        a.setString(Tag.PatientName, VR.PN, "MUELLER^HANS");
        a.setString(Tag.StudyInstanceUID, VR.UI, uid);
        return a;
    }

    private static RemoteNode row(String pid, String issuer, String uid) {
        return new RemoteNode(QueryLevel.STUDY, study(pid, issuer, uid), null);
    }

    private static RemoteNode series(RemoteNode study, String uid) {
        Attributes a = new Attributes();
        a.setString(Tag.SeriesInstanceUID, VR.UI, uid);
        return new RemoteNode(QueryLevel.SERIES, a, study);
    }

    @Test
    void rowsOfOnePatientNameIt() {
        RemoteNode s1 = row("P1", null, "1.1");
        RemoteNode s2 = row("P1", null, "1.2");
        PatientStudies p = PatientStudies.of(List.of(s1, series(s2, "1.2.1")));
        assertNotNull(p);
        assertEquals("P1", p.id());
        assertEquals("", p.issuer());
        assertEquals("MUELLER, HANS", p.name());
        assertNull(PatientStudies.whyNot(List.of(s1, s2)));
    }

    @Test
    void severalPatientsNoPatientIdOrNothingSelectedDisableIt() {
        RemoteNode a = row("P1", null, "1.1");
        RemoteNode b = row("P2", null, "2.1");
        assertNull(PatientStudies.of(List.of(a, series(b, "2.1.1"))));
        assertEquals("The selected rows belong to several patients", PatientStudies.whyNot(List.of(a, b)));
        // the same Patient ID from two issuers is two patients
        assertNull(PatientStudies.of(List.of(row("P1", "HOSP_A", "1.1"), row("P1", "HOSP_B", "1.2"))));
        RemoteNode none = row(null, null, "3.1");
        assertNull(PatientStudies.of(List.of(none)));
        assertNull(PatientStudies.of(List.of(row("  ", null, "3.2"))));
        assertEquals("A selected row has no Patient ID", PatientStudies.whyNot(List.of(a, none)));
        assertNull(PatientStudies.of(List.of()));
        assertNotNull(PatientStudies.whyNot(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PatientStudies("", "", "X"));
    }

    @Test
    void theStudyQueryMatchesThePatientIdAndIssuer() {
        FindRequest q = new PatientStudies("P1", "", "").studyQuery(InformationModel.STUDY_ROOT);
        Attributes id = q.identifier();
        assertEquals("STUDY", id.getString(Tag.QueryRetrieveLevel));
        assertArrayEquals(new String[] { "P1" }, q.matchingValues(Tag.PatientID));
        assertTrue(q.keys().contains(Tag.StudyInstanceUID));
        assertNull(q.matchingValues(Tag.IssuerOfPatientID));
        FindRequest p = new PatientStudies("P1", "HOSP_A", "").studyQuery(InformationModel.PATIENT_ROOT);
        assertEquals(InformationModel.PATIENT_ROOT, p.model());
        assertArrayEquals(new String[] { "HOSP_A" }, p.matchingValues(Tag.IssuerOfPatientID));
    }

    @Test
    void patientRootRetrievesThePatientAsAWhole() {
        PatientStudies p = new PatientStudies("P1", "", "MUELLER, HANS");
        List<RetrieveJob> jobs = p.jobs(PEER, InformationModel.PATIENT_ROOT, List.of(study("P1", null, "1.1"),
                study("P1", null, "1.2")));
        assertEquals(1, jobs.size());
        RetrieveRequest r = jobs.get(0).request();
        assertEquals(QueryLevel.PATIENT, r.level());
        assertEquals("P1", r.identifier().getString(Tag.PatientID));
        assertNull(r.identifier().getString(Tag.StudyInstanceUID));
        assertEquals("MUELLER, HANS: all 2 studies", jobs.get(0).label());
    }

    @Test
    void studyRootListsTheStudiesFoundInOneRequest() {
        PatientStudies p = new PatientStudies("P1", "", "MUELLER, HANS");
        List<RetrieveJob> jobs = p.jobs(PEER, InformationModel.STUDY_ROOT, List.of(study("P1", null, "1.1"),
                study("P1", null, "1.2"), study("P1", null, "1.1")));
        assertEquals(1, jobs.size());
        RetrieveRequest r = jobs.get(0).request();
        assertEquals(QueryLevel.STUDY, r.level());
        assertEquals(InformationModel.STUDY_ROOT, r.model());
        assertArrayEquals(new String[] { "1.1", "1.2" }, r.identifier().getStrings(Tag.StudyInstanceUID));
        assertNull(r.identifier().getString(Tag.PatientID), "Study Root has no patient level");
    }

    @Test
    void anotherPatientsMatchIsNeverRetrieved() {
        // a Patient ID with a wildcard character matches other patients at the peer; only exact matches count
        PatientStudies p = new PatientStudies("P*1", "", "");
        List<Attributes> matches = List.of(study("P*1", null, "1.1"), study("PX1", null, "9.1"),
                study("P*1", "OTHER", "1.2"));
        assertEquals(List.of("1.1", "1.2"), p.studyUids(matches));
        PatientStudies withIssuer = new PatientStudies("P*1", "HOSP_A", "");
        assertEquals(List.of("1.1"), withIssuer.studyUids(matches), "a differing issuer is another patient");
        // with an issuer the patient level (Patient ID only) could reach another issuer's patient: study level
        RetrieveRequest r = withIssuer.jobs(PEER, InformationModel.PATIENT_ROOT, matches).get(0).request();
        assertEquals(QueryLevel.STUDY, r.level());
        assertEquals("P*1", r.identifier().getString(Tag.PatientID));
        assertArrayEquals(new String[] { "1.1" }, r.identifier().getStrings(Tag.StudyInstanceUID));
        assertEquals("patient P*1: the only study", withIssuer.jobs(PEER, InformationModel.STUDY_ROOT, matches)
                .get(0).label());
    }

    @Test
    void noStudyFoundMeansNoRetrieve() {
        PatientStudies p = new PatientStudies("P1", "", "");
        assertTrue(p.jobs(PEER, InformationModel.STUDY_ROOT, List.of()).isEmpty());
        assertTrue(p.jobs(PEER, InformationModel.PATIENT_ROOT, List.of(study("P2", null, "2.1"))).isEmpty());
    }
}
