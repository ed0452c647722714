package org.lightbox.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.net.AssociationRejectedException;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.testing.DcmtkTool;

/**
 * Our C-FIND SCU against dcmqrscp holding a generated corpus: at every level of every model the matches equal what
 * the peer holds, key by key (dcmqrscp answers a subset of the seed's keys; every key it answers must carry the
 * corpus value, and the identifying keys must always be there); wildcards, ranges and a Latin-1 name match; a
 * query can be cancelled and the session goes on; an unknown peer and a refused association fail clearly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class FindInteropTest {

    private final QrCorpus corpus = new QrCorpus();
    private QrPeer peer;
    private QueryRetrieveScu scu;
    private QuerySession session;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        peer = new QrPeer(dir.resolve("qr"), Map.of());
        peer.load(corpus.write(dir.resolve("src")));
        scu = new QueryRetrieveScu("LIGHTBOX", ConnectionOptions.defaults());
        session = scu.openSession(peer.remote());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            peer.close();
        }
    }

    /** The value of {@code tag} in the corpus (what dcmqrscp was given). */
    private static String value(QrCorpus.Instance x, int tag) {
        Map<Integer, Function<QrCorpus.Instance, String>> v = Map.ofEntries(
                Map.entry(Tag.PatientName, QrCorpus.Instance::patientName),
                Map.entry(Tag.PatientID, QrCorpus.Instance::patientId),
                Map.entry(Tag.PatientBirthDate, QrCorpus.Instance::birthDate),
                Map.entry(Tag.PatientSex, QrCorpus.Instance::sex),
                Map.entry(Tag.StudyDate, QrCorpus.Instance::studyDate),
                Map.entry(Tag.StudyTime, QrCorpus.Instance::studyTime),
                Map.entry(Tag.AccessionNumber, QrCorpus.Instance::accession),
                Map.entry(Tag.StudyID, QrCorpus.Instance::studyId),
                Map.entry(Tag.StudyInstanceUID, QrCorpus.Instance::studyUid),
                Map.entry(Tag.ReferringPhysicianName, QrCorpus.Instance::referring),
                Map.entry(Tag.StudyDescription, QrCorpus.Instance::studyDescription),
                Map.entry(Tag.SeriesInstanceUID, QrCorpus.Instance::seriesUid),
                Map.entry(Tag.Modality, QrCorpus.Instance::modality),
                Map.entry(Tag.SeriesNumber, QrCorpus.Instance::seriesNumber),
                Map.entry(Tag.SeriesDescription, QrCorpus.Instance::seriesDescription),
                Map.entry(Tag.SOPInstanceUID, QrCorpus.Instance::sopUid),
                Map.entry(Tag.SOPClassUID, QrCorpus.Instance::sopClass),
                Map.entry(Tag.InstanceNumber, QrCorpus.Instance::instanceNumber));
        Function<QrCorpus.Instance, String> f = v.get(tag);
        return f == null ? null : f.apply(x);
    }

    private static int uniqueKey(QueryLevel level) {
        switch (level) {
            case PATIENT:
                return Tag.PatientID;
            case STUDY:
                return Tag.StudyInstanceUID;
            case SERIES:
                return Tag.SeriesInstanceUID;
            default:
                return Tag.SOPInstanceUID;
        }
    }

    /** Keys dcmqrscp 3.6.7 always answers; the seed's other keys it may leave out (it does not support them). */
    private static final Set<Integer> ALWAYS = Set.of(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate,
            Tag.PatientSex, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.StudyID, Tag.StudyInstanceUID,
            Tag.ReferringPhysicianName, Tag.StudyDescription, Tag.SeriesInstanceUID, Tag.Modality,
            Tag.SeriesNumber, Tag.SOPInstanceUID, Tag.InstanceNumber);

    /** Runs one query and checks it against the corpus instances it should find. */
    private void check(FindRequest rq, List<QrCorpus.Instance> expected) throws IOException {
        List<Attributes> matches = session.find(rq);
        int unique = uniqueKey(rq.level());
        Map<String, QrCorpus.Instance> want = new TreeMap<>();
        for (QrCorpus.Instance x : expected) {
            want.putIfAbsent(value(x, unique), x);
        }
        Map<String, Attributes> got = new TreeMap<>();
        for (Attributes m : matches) {
            assertNotNull(m.getString(unique), rq + ": a match without its unique key: " + m);
            assertEquals(null, got.put(m.getString(unique), m), rq + ": the same entity twice");
            assertEquals(rq.level().name(), m.getString(Tag.QueryRetrieveLevel), rq.toString());
        }
        assertEquals(want.keySet(), got.keySet(), rq + ": the entities the peer holds");
        for (Map.Entry<String, Attributes> e : got.entrySet()) {
            QrCorpus.Instance x = want.get(e.getKey());
            for (int tag : rq.keys()) {
                String expectedValue = value(x, tag);
                if (expectedValue == null) {
                    continue; // a count or a computed key: not in the corpus record
                }
                if (!e.getValue().contains(tag)) {
                    assertFalse(ALWAYS.contains(tag), rq + ": " + Tag.toString(tag) + " missing for " + e.getKey());
                    continue;
                }
                assertEquals(expectedValue, e.getValue().getString(tag), rq + ": " + Tag.toString(tag) + " of "
                        + e.getKey());
            }
        }
    }

    private List<QrCorpus.Instance> where(java.util.function.Predicate<QrCorpus.Instance> p) {
        return corpus.instances.stream().filter(p).toList();
    }

    @Test
    void everyLevelOfEveryModelEqualsWhatThePeerHolds() throws Exception {
        int queries = 0;
        for (InformationModel model : InformationModel.values()) {
            boolean patientRooted = model != InformationModel.STUDY_ROOT;
            if (model.has(QueryLevel.PATIENT)) {
                check(FindRequest.of(model, QueryLevel.PATIENT), corpus.instances);
                queries++;
            }
            if (!patientRooted) {
                check(FindRequest.of(model, QueryLevel.STUDY), corpus.instances);
                queries++;
            }
            for (String pid : new TreeSet<>(corpus.instances.stream().map(QrCorpus.Instance::patientId).toList())) {
                if (patientRooted) {
                    check(FindRequest.of(model, QueryLevel.STUDY).match(Tag.PatientID, pid),
                            where(x -> x.patientId().equals(pid)));
                    queries++;
                }
            }
            if (!model.has(QueryLevel.SERIES)) {
                continue;
            }
            for (QrCorpus.Instance study : distinct(QrCorpus.Instance::studyUid)) {
                FindRequest rq = FindRequest.of(model, QueryLevel.SERIES).match(Tag.StudyInstanceUID,
                        study.studyUid());
                if (patientRooted) {
                    rq.match(Tag.PatientID, study.patientId());
                }
                check(rq, where(x -> x.studyUid().equals(study.studyUid())));
                queries++;
            }
            for (QrCorpus.Instance series : distinct(QrCorpus.Instance::seriesUid)) {
                FindRequest rq = FindRequest.of(model, QueryLevel.IMAGE).match(Tag.StudyInstanceUID,
                        series.studyUid()).match(Tag.SeriesInstanceUID, series.seriesUid());
                if (patientRooted) {
                    rq.match(Tag.PatientID, series.patientId());
                }
                check(rq, where(x -> x.seriesUid().equals(series.seriesUid())));
                queries++;
            }
        }
        // patient root 1 + 3 + 4 + 7, study root 1 + 4 + 7, patient/study only 1 + 3
        assertEquals(31, queries, "queries run");
    }

    private List<QrCorpus.Instance> distinct(Function<QrCorpus.Instance, String> key) {
        Map<String, QrCorpus.Instance> m = new TreeMap<>();
        corpus.instances.forEach(x -> m.putIfAbsent(key.apply(x), x));
        return new ArrayList<>(m.values());
    }

    @Test
    void wildcardsRangesAndALatin1Name() throws Exception {
        // dcmqrscp matches the padded value: "Ren?" misses "René " (odd length, padded), so the wildcard ends in *
        check(FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY).match(Tag.PatientName, "Mü*"),
                where(x -> x.patientId().equals("QR001")));
        check(FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY).match(Tag.PatientName, "Dub?is^R?n*"),
                where(x -> x.patientId().equals("QR003")));
        check(FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY).match(Tag.StudyDate,
                "20240101-20240331"), where(x -> x.studyDate().startsWith("202401")
                        || x.studyDate().startsWith("202403")));
        check(FindRequest.of(InformationModel.PATIENT_ROOT, QueryLevel.PATIENT).match(Tag.PatientSex, "F"),
                where(x -> x.sex().equals("F")));
        check(FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY).match(Tag.AccessionNumber, "ACC4"),
                where(x -> x.accession().equals("ACC4")));
    }

    @Test
    void theListenerStopsAQueryAndTheSessionGoesOn() throws Exception {
        List<Attributes> seen = new ArrayList<>();
        FindOutcome o = session.find(FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.IMAGE)
                .match(Tag.StudyInstanceUID, "1.2.826.0.1.3680043.9.7433.1.1")
                .match(Tag.SeriesInstanceUID, "1.2.826.0.1.3680043.9.7433.1.1.1"), m -> {
                    seen.add(m);
                    return false;
                }, null);
        assertEquals(1, seen.size(), "no match delivered after the stop");
        assertEquals(1, o.matches());
        assertTrue(o.cancelled());
        assertFalse(o.status().isFailure(), o.describe());
        assertEquals(4, session.find(FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY)).size(),
                "the association serves the next query");
    }

    @Test
    void aCancellationMadeBeforehandStopsTheQueryAtOnce() throws Exception {
        Cancellation c = new Cancellation();
        c.cancel();
        List<Attributes> seen = new ArrayList<>();
        FindOutcome o = scu.find(peer.remote(), FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY),
                m -> seen.add(m), c);
        assertTrue(o.cancelled());
        assertEquals(0, seen.size());
        assertEquals(0, o.matches());
    }

    @Test
    void anUnknownPeerAndARefusedAssociationFailClearly() throws Exception {
        int closed = DcmtkTool.freePort();
        IOException e = assertThrows(IOException.class, () -> scu.find(new RemoteAe("NOBODY", "127.0.0.1", closed,
                false, ""), FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY)));
        assertTrue(e.getMessage().contains("cannot connect") && e.getMessage().contains(":" + closed),
                e.getMessage());
        AssociationRejectedException r = assertThrows(AssociationRejectedException.class, () -> scu.find(
                new RemoteAe("NOT_QRSCP", "127.0.0.1", peer.port, false, ""),
                FindRequest.of(InformationModel.STUDY_ROOT, QueryLevel.STUDY)));
        assertTrue(r.getMessage().contains("NOT_QRSCP"), r.getMessage());
    }

    @Test
    void aModelThePeerRefusesIsNamed() throws Exception {
        try (QrPeer studyOnly = new QrPeer(peer.storage.getParent().resolveSibling("qr-study-only"), Map.of(), "-QP",
                "-QO"); QuerySession s = scu.openSession(studyOnly.remote())) {
            assertTrue(s.supports(InformationModel.STUDY_ROOT));
            assertFalse(s.supports(InformationModel.PATIENT_ROOT));
            IOException e = assertThrows(IOException.class, () -> s.find(FindRequest.of(
                    InformationModel.PATIENT_ROOT, QueryLevel.PATIENT)));
            assertTrue(e.getMessage().contains("PATIENT_ROOT"), e.getMessage());
        }
    }
}
