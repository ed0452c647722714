package org.lightbox.catalog;

import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * A small catalog content for the query tests: five patients (Latin-1 names, one with LIKE metacharacters, one in
 * UTF-8 with Greek letters), six studies, series of several modalities. Study UIDs are 9.1 ... 9.6.
 */
final class QueryCorpus {

    private QueryCorpus() {
    }

    static List<Attributes> instances() {
        List<Attributes> all = new ArrayList<>();
        // patient P1, two studies
        Attributes s1 = study("P1", "Müller^Jürgen", "19700101", "M", "9.1", "20230110", "0830", "A1", "Thorax");
        s1.setString(Tag.ReferringPhysicianName, VR.PN, "Öztürk^Ayse^^^");
        Sequence pcs = s1.newSequence(Tag.ProcedureCodeSequence);
        Attributes code = pcs.addItem();
        code.setString(Tag.CodeValue, VR.SH, "CT1");
        code.setString(Tag.CodingSchemeDesignator, VR.SH, "L");
        code.setString(Tag.CodeMeaning, VR.LO, "CT Thorax mit Kontrastmittel");
        all.add(series(s1, "9.1.1", "CT", "1", "Hôpital Nord", 3));
        all.add(series(s1, "9.1.2", "PR", "2", "Hôpital Nord", 1));
        Attributes s2 = study("P1", "Müller^Jürgen", "19700101", "M", "9.2", "20231231", "235959.5", "A2", "Abdomen");
        Sequence pcs2 = s2.newSequence(Tag.ProcedureCodeSequence);
        Attributes code2 = pcs2.addItem();
        code2.setString(Tag.CodeValue, VR.SH, "MR7");
        code2.setString(Tag.CodingSchemeDesignator, VR.SH, "L");
        all.add(series(s2, "9.2.1", "MR", "1", "Klinik Süd", 2));
        // patient P2: the same family name in upper case
        Attributes s3 = study("P2", "MÜLLER^Anna", "19851231", "F", "9.3", "20240101", "1200", "A3", "Kopf");
        all.add(series(s3, "9.3.1", "CT", "5", "Klinik Süd", 2));
        // patient P3 with an issuer
        Attributes s4 = study("P3", "Ñúñez^José", "20000229", "M", "9.4", "20240615", "101010", "A4", "Café");
        s4.setString(Tag.IssuerOfPatientID, VR.LO, "HOSP");
        s4.setString(Tag.PatientAge, VR.AS, "024Y");
        all.add(series(s4, "9.4.1", "US", "1", "Hôpital Sud", 2));
        // patient P4: LIKE metacharacters in name and description
        Attributes s5 = study("P4", "100%_Test^X", "19500505", "O", "9.5", "20190505", "0700", "B5", "50% off_x");
        all.add(series(s5, "9.5.1", "CR", "1", "X-Ray Inc", 1));
        // patient P5 stored in UTF-8 with Greek letters: results must fall back to UTF-8
        Attributes s6 = study("P5", "Αλέξης^Νίκος", "19900909", "M", "9.6", "20240301", "0900", "A6", "Ελληνικά");
        s6.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        s6.setString(Tag.PatientName, VR.PN, "Αλέξης^Νίκος");
        s6.setString(Tag.StudyDescription, VR.LO, "Ελληνικά");
        s6.setString(Tag.ReferringPhysicianName, VR.PN, "Öztürk^Ayse");
        all.add(series(s6, "9.6.1", "CT", "1", "Κλινική", 1));
        List<Attributes> out = new ArrayList<>();
        for (Attributes a : all) {
            int n = a.getInt(Tag.NumberOfFrames, 1);
            a.remove(Tag.NumberOfFrames);
            for (int i = 1; i <= n; i++) {
                Attributes x = new Attributes(a);
                x.setString(Tag.SOPInstanceUID, VR.UI, a.getString(Tag.SeriesInstanceUID) + "." + i);
                x.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i));
                out.add(x);
            }
        }
        return out;
    }

    private static Attributes study(String pid, String name, String birth, String sex, String uid, String date,
            String time, String accession, String description) {
        Attributes a = TestInstances.ct(pid, name, uid, uid + ".0", uid + ".0.0");
        a.setString(Tag.PatientBirthDate, VR.DA, birth);
        a.setString(Tag.PatientSex, VR.CS, sex);
        a.setString(Tag.StudyDate, VR.DA, date);
        a.setString(Tag.StudyTime, VR.TM, time);
        a.setString(Tag.AccessionNumber, VR.SH, accession);
        a.setString(Tag.StudyDescription, VR.LO, description);
        a.setString(Tag.StudyID, VR.SH, "ID" + uid.substring(2));
        a.setString(Tag.ReferringPhysicianName, VR.PN, "Dr^Who");
        return a;
    }

    /** A template for {@code count} instances of a series (the count travels in NumberOfFrames, removed later). */
    private static Attributes series(Attributes study, String seriesUid, String modality, String number,
            String institution, int count) {
        Attributes a = new Attributes(study);
        a.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        a.setString(Tag.Modality, VR.CS, modality);
        a.setString(Tag.SeriesNumber, VR.IS, number);
        a.setString(Tag.InstitutionName, VR.LO, institution);
        a.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(count));
        return a;
    }

    /** Indexes the corpus; each instance gets a file row {@code c/<sop uid>.dcm}. */
    static void load(Catalog catalog) throws CatalogException {
        for (Attributes a : instances()) {
            String sop = a.getString(Tag.SOPInstanceUID);
            catalog.index(a, new StoredFile("corpus", "c/" + sop + ".dcm", 1000, "1.2.840.10008.1.2.1", null));
        }
    }
}
