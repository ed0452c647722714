package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.net.Association;
import org.lightbox.testing.DcmtkTool;
import org.opentest4j.AssertionFailedError;

/**
 * findscu against the node: every model and level, every matching type, Latin-1 names in a query file, and the
 * case-insensitive name option. The expected matches are written out per query from the stored data below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class FindInteropTest {

    private Path tmp;

    private TestNodes.Running node;
    private TestNodes.Running caseInsensitive;
    private final AtomicInteger runs = new AtomicInteger();

    /** patient id, name, study, date, time, series, modality, instance */
    private static final String[][] STORED = {
        { "P1", "Müller^Jürgen", "1.9.1", "20240115", "101500", "1.9.1.1", "CT", "1.9.1.1.1" },
        { "P1", "Müller^Jürgen", "1.9.1", "20240115", "101500", "1.9.1.1", "CT", "1.9.1.1.2" },
        { "P1", "Müller^Jürgen", "1.9.1", "20240115", "101500", "1.9.1.2", "MR", "1.9.1.2.1" },
        { "P1", "Müller^Jürgen", "1.9.2", "20230610", "083000", "1.9.2.1", "MR", "1.9.2.1.1" },
        { "P2", "Ærø^Åse", "1.9.3", "20231201", "143000", "1.9.3.1", "NM", "1.9.3.1.1" },
        { "P3", "Smith^John", "1.9.4", "20220202", "120000", "1.9.4.1", "CT", "1.9.4.1.1" },
        { "P4", "smith^anna", "1.9.5", "20240301", "090000", "1.9.5.1", "US", "1.9.5.1.1" },
    };

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        tmp = dir;
        node = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp.resolve("node"));
        DeviceConfiguration ci = TestNodes.config("LIGHTBOX");
        caseInsensitive = TestNodes.start(ci.withStorage(ci.storage().withCaseInsensitiveNames(true)),
                tmp.resolve("ci"));
        for (TestNodes.Running n : List.of(node, caseInsensitive)) {
            Association a = StoreScpTest.open(n, "LOADER");
            for (String[] s : STORED) {
                Attributes ds = TestCorpus.image(UID.CTImageStorage, s[0], s[1], s[2], s[5], s[7], s[3], s[6], 8, 8);
                ds.setString(Tag.StudyTime, VR.TM, s[4]);
                ds.getSequence(Tag.ProcedureCodeSequence).get(0).setString(Tag.CodeValue, VR.SH, "P-" + s[6]);
                assertTrue(StoreScpTest.store(a, s[7], UID.ExplicitVRLittleEndian,
                        StoreScpTest.encode(ds, UID.ExplicitVRLittleEndian)).status().isSuccess());
            }
            a.release();
        }
    }

    @AfterAll
    void close() throws IOException {
        try {
            node.close();
        } finally {
            caseInsensitive.close();
        }
    }

    /** Runs findscu and returns the response identifiers it extracted. */
    private List<Attributes> find(TestNodes.Running n, String model, Path queryFile, String... keys)
            throws Exception {
        Path out = tmp.resolve("find" + runs.incrementAndGet());
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of("findscu", model, "-aet", "FINDSCU", "-aec", n.aet(), "-X", "-od",
                out.toString()));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(n.port()));
        if (queryFile != null) {
            cmd.add(queryFile.toString());
        }
        Path log = out.resolve("findscu.log");
        int rc = DcmtkTool.run(cmd, log, 60);
        if (rc != 0) {
            throw new AssertionFailedError("findscu exited with " + rc + ": " + DcmtkTool.log(log));
        }
        List<Attributes> results = new ArrayList<>();
        try (var files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rsp")).sorted().toList()) {
                results.add(DicomReader.readFile(f).dataset());
            }
        }
        return results;
    }

    private static Set<String> values(List<Attributes> results, int tag) {
        Set<String> out = new TreeSet<>();
        for (Attributes a : results) {
            out.add(a.getString(tag));
        }
        return out;
    }

    private DynamicTest query(String name, TestNodes.Running n, String model, int tag, Set<String> expected,
            String... keys) {
        return DynamicTest.dynamicTest(name, () -> assertEquals(expected, values(find(n, model, null, keys), tag)));
    }

    /** A query file written by dump2dcm from a dump in ISO 8859-1, as a user's tool would send it. */
    private Path latin1Query(String name, String... lines) throws Exception {
        Path dump = tmp.resolve(name + ".dump");
        List<String> all = new ArrayList<>(List.of("(0008,0005) CS [ISO_IR 100]"));
        all.addAll(List.of(lines));
        Files.write(dump, all, StandardCharsets.ISO_8859_1);
        Path dcm = tmp.resolve(name + ".dcm");
        Path log = tmp.resolve(name + ".log");
        assertEquals(0, DcmtkTool.run(List.of("dump2dcm", dump.toString(), dcm.toString()), log, 30),
                DcmtkTool.log(log));
        return dcm;
    }

    @TestFactory
    List<DynamicTest> everyModelLevelAndMatchingType() {
        String uid = "StudyInstanceUID";
        return List.of(
                DynamicTest.dynamicTest("patient root, patient level, single value", () -> {
                    List<Attributes> r = find(node, "-P", null, "QueryRetrieveLevel=PATIENT", "PatientID=P1",
                            "PatientName", "PatientBirthDate", "NumberOfPatientRelatedStudies");
                    assertEquals(1, r.size());
                    assertEquals("Müller^Jürgen", r.get(0).getString(Tag.PatientName), "decoded as ISO_IR 100");
                    assertEquals("ISO_IR 100", r.get(0).getString(Tag.SpecificCharacterSet));
                    assertEquals("19700101", r.get(0).getString(Tag.PatientBirthDate));
                    assertEquals("2", r.get(0).getString(Tag.NumberOfPatientRelatedStudies));
                }),
                query("patient root, patient level, '?' wildcard", node, "-P", Tag.PatientID,
                        Set.of("P1", "P2", "P3", "P4"), "QueryRetrieveLevel=PATIENT", "PatientID=P?"),
                query("patient root, study level, date range", node, "-P", Tag.StudyInstanceUID, Set.of("1.9.2"),
                        "QueryRetrieveLevel=STUDY", "PatientID=P1", "StudyDate=20230101-20231231", uid),
                query("patient root, series level, universal modality", node, "-P", Tag.Modality, Set.of("CT", "MR"),
                        "QueryRetrieveLevel=SERIES", "PatientID=P1", "StudyInstanceUID=1.9.1", "SeriesInstanceUID",
                        "Modality"),
                query("patient root, image level, UID list", node, "-P", Tag.SOPInstanceUID, Set.of("1.9.1.1.1"),
                        "QueryRetrieveLevel=IMAGE", "PatientID=P1", "StudyInstanceUID=1.9.1",
                        "SeriesInstanceUID=1.9.1.1", "SOPInstanceUID=1.9.1.1.1\\1.9.1.1.9"),
                query("study root, study level, '*' wildcard (case-sensitive)", node, "-S", Tag.StudyInstanceUID,
                        Set.of("1.9.4"), "QueryRetrieveLevel=STUDY", "PatientName=Sm*", uid),
                query("study root, study level, open range from", node, "-S", Tag.StudyInstanceUID,
                        Set.of("1.9.1", "1.9.5"), "QueryRetrieveLevel=STUDY", "StudyDate=20240101-", uid),
                query("study root, study level, open range to", node, "-S", Tag.StudyInstanceUID, Set.of("1.9.4"),
                        "QueryRetrieveLevel=STUDY", "StudyDate=-20221231", uid),
                query("study root, study level, time range", node, "-S", Tag.StudyInstanceUID,
                        Set.of("1.9.2", "1.9.5"), "QueryRetrieveLevel=STUDY", "StudyTime=080000-100000", uid),
                query("study root, study level, UID list", node, "-S", Tag.StudyInstanceUID, Set.of("1.9.3", "1.9.4"),
                        "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.9.3\\1.9.4"),
                query("study root, study level, universal", node, "-S", Tag.StudyInstanceUID,
                        Set.of("1.9.1", "1.9.2", "1.9.3", "1.9.4", "1.9.5"), "QueryRetrieveLevel=STUDY", uid,
                        "PatientName"),
                query("study root, study level, sequence matching", node, "-S", Tag.StudyInstanceUID,
                        Set.of("1.9.3"), "QueryRetrieveLevel=STUDY", "ProcedureCodeSequence[0].CodeValue=P-NM", uid),
                DynamicTest.dynamicTest("study root, study level, computed attributes", () -> {
                    List<Attributes> r = find(node, "-S", null, "QueryRetrieveLevel=STUDY", "StudyInstanceUID=1.9.1",
                            "ModalitiesInStudy", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances",
                            "RetrieveAETitle");
                    assertEquals(1, r.size());
                    assertEquals(Set.of("CT", "MR"), Set.of(r.get(0).getStrings(Tag.ModalitiesInStudy)));
                    assertEquals("2", r.get(0).getString(Tag.NumberOfStudyRelatedSeries));
                    assertEquals("3", r.get(0).getString(Tag.NumberOfStudyRelatedInstances));
                    assertEquals("LIGHTBOX", r.get(0).getString(Tag.RetrieveAETitle));
                }),
                query("study root, series level, single value", node, "-S", Tag.SeriesInstanceUID,
                        Set.of("1.9.1.2"), "QueryRetrieveLevel=SERIES", "StudyInstanceUID=1.9.1", "Modality=MR",
                        "SeriesInstanceUID"),
                query("study root, image level, universal", node, "-S", Tag.SOPInstanceUID,
                        Set.of("1.9.1.1.1", "1.9.1.1.2"), "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=1.9.1",
                        "SeriesInstanceUID=1.9.1.1", "SOPInstanceUID"),
                query("patient/study only, study level", node, "-O", Tag.StudyInstanceUID, Set.of("1.9.4"),
                        "QueryRetrieveLevel=STUDY", "PatientID=P3", uid),
                DynamicTest.dynamicTest("patient/study only, patient level, Latin-1 wildcard in a query file", () -> {
                    Path q = latin1Query("q-aero", "(0008,0052) CS [PATIENT]", "(0010,0010) PN [Ærø*]",
                            "(0010,0020) LO []");
                    List<Attributes> r = find(node, "-O", q);
                    assertEquals(Set.of("P2"), values(r, Tag.PatientID));
                    assertEquals("Ærø^Åse", r.get(0).getString(Tag.PatientName));
                }),
                DynamicTest.dynamicTest("study root, Latin-1 single value name in a query file", () -> {
                    Path q = latin1Query("q-mueller", "(0008,0052) CS [STUDY]", "(0010,0010) PN [Müller^Jürgen]",
                            "(0020,000d) UI []");
                    List<Attributes> r = find(node, "-S", q);
                    assertEquals(Set.of("1.9.1", "1.9.2"), values(r, Tag.StudyInstanceUID));
                    assertEquals(Set.of("Müller^Jürgen"), values(r, Tag.PatientName));
                }),
                query("case-sensitive names by default", node, "-S", Tag.StudyInstanceUID, Set.of("1.9.5"),
                        "QueryRetrieveLevel=STUDY", "PatientName=smith*", uid),
                query("case-insensitive names when configured", caseInsensitive, "-S", Tag.StudyInstanceUID,
                        Set.of("1.9.4", "1.9.5"), "QueryRetrieveLevel=STUDY", "PatientName=smith*", uid),
                DynamicTest.dynamicTest("a missing unique key above the level is refused", () -> {
                    // study root, series level without Study Instance UID: A900 and no match
                    assertEquals(Set.of(), values(find(node, "-S", null, "QueryRetrieveLevel=SERIES", "Modality=CT"),
                            Tag.SeriesInstanceUID));
                    NodeEvent.QueryAnswered refused = node.await(NodeEvent.QueryAnswered.class,
                            e -> e.status() == 0xA900);
                    assertEquals("SERIES", refused.level());
                }));
    }
}
