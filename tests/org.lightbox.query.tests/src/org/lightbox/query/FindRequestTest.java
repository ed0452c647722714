package org.lightbox.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PresentationContext;
import org.lightbox.query.internal.AssociationRequests;

/** The identifiers we send and the contexts we propose, without a peer. */
class FindRequestTest {

    @Test
    void theSeedsKeysAreAskedForByDefault() {
        // seed 3.1.2.3.3: patient root patient and study levels, study root study level
        assertEquals(List.of(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex),
                QueryKeys.defaults(InformationModel.PATIENT_ROOT, QueryLevel.PATIENT));
        List<Integer> study = QueryKeys.defaults(InformationModel.STUDY_ROOT, QueryLevel.STUDY);
        for (int tag : new int[] { Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.PatientName,
            Tag.PatientID, Tag.StudyID, Tag.StudyInstanceUID, Tag.ReferringPhysicianName, Tag.StudyDescription,
            Tag.PatientBirthDate, Tag.PatientSex, Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedSeries,
            Tag.NumberOfStudyRelatedInstances }) {
            assertTrue(study.contains(tag), Tag.toString(tag));
        }
        assertEquals(14, study.size());
        assertTrue(QueryKeys.defaults(InformationModel.PATIENT_ROOT, QueryLevel.SERIES).contains(Tag.PatientID),
                "the parent's unique keys come along");
        assertFalse(QueryKeys.defaults(InformationModel.STUDY_ROOT, QueryLevel.IMAGE).contains(Tag.PatientID));
        assertThrows(IllegalArgumentException.class,
                () -> QueryKeys.defaults(InformationModel.STUDY_ROOT, QueryLevel.PATIENT));
        assertThrows(IllegalArgumentException.class,
                () -> FindRequest.of(InformationModel.PATIENT_STUDY_ONLY, QueryLevel.SERIES));
    }

    @Test
    void matchingKeysReplaceReturnedOnesAndTheCharacterSetFollowsTheValues() {
        FindRequest ascii = FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY).match(Tag.PatientID, "A*");
        Attributes a = ascii.identifier();
        assertFalse(a.contains(Tag.SpecificCharacterSet));
        assertEquals("STUDY", a.getString(Tag.QueryRetrieveLevel));
        assertEquals("A*", a.getString(Tag.PatientID));
        assertTrue(a.contains(Tag.StudyDate) && a.getString(Tag.StudyDate) == null, "returned keys are empty");
        assertEquals(14, ascii.keys().size(), "no key twice");

        Attributes latin1 = FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY)
                .match(Tag.PatientName, "Müller*").identifier();
        assertEquals("ISO_IR 100", latin1.getString(Tag.SpecificCharacterSet));
        assertEquals("Müller*", latin1.getString(Tag.PatientName));
        Attributes greek = FindRequest.bare(InformationModel.STUDY_ROOT, QueryLevel.STUDY)
                .match(Tag.PatientName, "Δ*").identifier();
        assertEquals("ISO_IR 192", greek.getString(Tag.SpecificCharacterSet));
        assertEquals("Δ*", greek.getString(Tag.PatientName));

        FindRequest list = FindRequest.bare(InformationModel.STUDY_ROOT, QueryLevel.SERIES)
                .match(Tag.SeriesInstanceUID, "1.2", "1.3").match(Tag.Modality, "");
        assertEquals(List.of("1.2", "1.3"), List.of(list.identifier().getStrings(Tag.SeriesInstanceUID)));
        assertNull(list.matchingValues(Tag.Modality), "an empty value only asks for the key");
        assertThrows(IllegalArgumentException.class, () -> list.match(Tag.QueryRetrieveLevel, "IMAGE"));
        assertThrows(IllegalArgumentException.class, () -> list.match(Tag.ReferencedSeriesSequence, "x"));
    }

    @Test
    void retrieveIdentifiersCarryTheUniqueKeysOfTheirModel() {
        Attributes p = RetrieveRequest.studies(InformationModel.PATIENT_ROOT, "P1", "1.2.3").identifier();
        assertEquals("P1", p.getString(Tag.PatientID));
        assertEquals("STUDY", p.getString(Tag.QueryRetrieveLevel));
        Attributes s = RetrieveRequest.studies(InformationModel.STUDY_ROOT, "P1", "1.2.3").identifier();
        assertFalse(s.contains(Tag.PatientID), "Study Root has no patient level");
        Attributes i = RetrieveRequest.instances(InformationModel.STUDY_ROOT, null, "1", "1.1", "1.1.1", "1.1.2")
                .identifier();
        assertEquals("IMAGE", i.getString(Tag.QueryRetrieveLevel));
        assertEquals(List.of("1.1.1", "1.1.2"), List.of(i.getStrings(Tag.SOPInstanceUID)));
        assertThrows(IllegalArgumentException.class, () -> RetrieveRequest.studies(InformationModel.STUDY_ROOT,
                null));
    }

    @Test
    void getProposesStorageContextsWithTheScpRoleAndFitsOneAssociation() {
        AAssociateRq rq = AssociationRequests.get("ME", "PEER", InformationModel.STUDY_ROOT, Set.of());
        assertTrue(rq.presentationContexts().size() <= 128, "contexts: " + rq.presentationContexts().size());
        assertEquals(UID.StudyRootQueryRetrieveInformationModelGet, rq.presentationContexts().get(0)
                .abstractSyntax());
        long ctContexts = rq.presentationContexts().stream().filter(pc -> pc.abstractSyntax()
                .equals(UID.CTImageStorage)).count();
        assertEquals(3, ctContexts, "Explicit alone, Implicit alone, compressed");
        var role = rq.userInformation().roleSelection(UID.CTImageStorage);
        assertTrue(role.scpRole() && !role.scuRole(), "we are the storage SCP");
        for (PresentationContext pc : rq.presentationContexts()) {
            if (!pc.abstractSyntax().equals(UID.StudyRootQueryRetrieveInformationModelGet)) {
                assertTrue(rq.userInformation().roleSelection(pc.abstractSyntax()) != null, pc.abstractSyntax());
            }
        }
        AAssociateRq hinted = AssociationRequests.get("ME", "PEER", InformationModel.PATIENT_ROOT,
                Set.of(UID.MRImageStorage));
        assertEquals(1 + 3, hinted.presentationContexts().size());
        List<String> tooMany = new java.util.ArrayList<>();
        for (int k = 0; k < 70; k++) {
            tooMany.add("1.2.3.4." + k);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssociationRequests.get("ME",
                "PEER", InformationModel.STUDY_ROOT, tooMany));
        assertTrue(e.getMessage().contains("70 SOP classes"), e.getMessage());
    }
}
