import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogCursor;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.CatalogSettings;
import org.lightbox.catalog.ConnectionSource;
import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.catalog.StoredFile;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;

/**
 * Builds a catalog of N studies (embedded Derby on disk, indexed through Catalog.index as the storage service
 * does) and prints the median times of the study-level C-FINDs of issue 5: an exact Patient ID, a wildcard
 * patient name, a one-year date range. Times are measured at the catalog: from the query to the last response
 * identifier assembled.
 */
public final class CatalogBench {

    private static final String[] FAMILY = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
        "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
        "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner",
        "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König",
        "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn",
        "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck",
        "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus",
        "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
        "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel",
        "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Smith", "García",
        "Núñez", "Ørsted", "Ångström", "Dubois", "Lefèvre", "Rossi", "Ferrari", "Jensen" };
    private static final String[] GIVEN = { "Anna", "Jürgen", "Lena", "Jörg", "Zoë", "Luis", "José", "Mia", "Noah",
        "Emil", "Åsa", "Björn", "Chloé", "René", "Ida", "Paul", "Marie", "Felix", "Léa", "Tom" };
    private static final String[] MODALITIES = { "CT", "MR", "CR", "US", "DX", "MG", "PT", "NM", "XA", "OT" };

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("store")) {
            store(args.length > 1 ? Integer.parseInt(args[1]) : 300);
            return;
        }
        int studies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("lightbox-catalog-bench");
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        try (Catalog catalog = Catalog.open(embedded(dir), CatalogSettings.DEFAULT)) {
            System.out.printf(Locale.ROOT, "catalog bench: %d studies, embedded Derby in %s%n", studies, dir);
            build(catalog, studies);
            System.out.printf(Locale.ROOT, "%-44s %8s %10s %8s%n", "study-level C-FIND (study root)", "results",
                    "median ms", "p90 ms");
            measure(catalog, runs, "exact Patient ID", Tag.PatientID, "PID004711");
            measure(catalog, runs, "wildcard Patient's Name \"Mü*\"", Tag.PatientName, "Mü*");
            measure(catalog, runs, "wildcard Patient's Name \"*ller^J*\"", Tag.PatientName, "*ller^J*");
            measure(catalog, runs, "one-year Study Date range 2023", Tag.StudyDate, "20230101-20231231");
            measure(catalog, runs, "one-month Study Date range 2023-03", Tag.StudyDate, "20230301-20230331");
        } finally {
            deleteTree(dir);
        }
    }

    private static ConnectionSource embedded(Path dir) throws Exception {
        Driver driver = (Driver) Class.forName(CatalogLocation.DERBY_EMBEDDED_DRIVER).getConstructor().newInstance();
        return CatalogLocation.embedded(dir.resolve("catalog")).connectionSource(driver);
    }

    /**
     * The file store's receive path: {@code files} CT-sized instances (512x512x16, 0.5 MB) received through
     * IncomingFile (write, header parse, fsync per policy, rename, index) into one study, per fsync policy.
     */
    private static void store(int files) throws Exception {
        Path dir = Files.createTempDirectory("lightbox-store-bench");
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        a.setString(Tag.PatientID, VR.LO, "PID1");
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setInt(Tag.Rows, VR.US, 512);
        a.setInt(Tag.Columns, VR.US, 512);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setBytes(Tag.PixelData, VR.OW, new byte[512 * 512 * 2]);
        try (Catalog catalog = Catalog.open(embedded(dir), CatalogSettings.DEFAULT)) {
            System.out.printf(Locale.ROOT, "file store bench: %d instances of %d KB into one study, in %s%n", files,
                    512 * 512 * 2 / 1024, dir);
            for (org.lightbox.catalog.FsyncPolicy policy : org.lightbox.catalog.FsyncPolicy.values()) {
                Path root = dir.resolve("store-" + policy);
                try (org.lightbox.catalog.FileStore store = org.lightbox.catalog.FileStore.open(root, catalog,
                        org.lightbox.catalog.StoreSettings.DEFAULT.withFsync(policy))) {
                    long[] t = new long[files];
                    long start = System.nanoTime();
                    for (int i = 0; i < files; i++) {
                        a.setString(Tag.StudyInstanceUID, VR.UI, "2.25.9." + policy.ordinal());
                        a.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.9." + policy.ordinal() + ".1");
                        a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.9." + policy.ordinal() + ".1." + i);
                        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i + 1));
                        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(600_000);
                        try (org.lightbox.dicom.core.io.DicomWriter w = new org.lightbox.dicom.core.io.DicomWriter(bytes)) {
                            w.writeDataset(a, org.lightbox.dicom.core.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                        }
                        long s = System.nanoTime();
                        try (org.lightbox.catalog.IncomingFile in = store.create(UID.CTImageStorage,
                                a.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian, "BENCH")) {
                            bytes.writeTo(in.output());
                            in.commit();
                        }
                        t[i] = System.nanoTime() - s;
                    }
                    store.sync();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Arrays.sort(t);
                    System.out.printf(Locale.ROOT, "fsync %-6s %6.0f instances/s, median %.2f ms, p90 %.2f ms per "
                            + "instance (write + parse + rename + index)%n", policy, files / seconds,
                            t[files / 2] / 1e6, t[files * 9 / 10] / 1e6);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void build(Catalog catalog, int studies) throws Exception {
        long[] per = new long[studies];
        long start = System.nanoTime();
        for (int i = 0; i < studies; i++) {
            int patient = i / 2; // two studies per patient
            Attributes a = new Attributes();
            a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
            a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1" + i + ".1.1");
            a.setString(Tag.StudyDate, VR.DA, String.format(Locale.ROOT, "%04d%02d%02d", 2015 + i % 10,
                    1 + i / 10 % 12, 1 + i / 120 % 28));
            a.setString(Tag.StudyTime, VR.TM, String.format(Locale.ROOT, "%02d%02d00", 7 + i % 12, i % 60));
            a.setString(Tag.AccessionNumber, VR.SH, "ACC" + i);
            a.setString(Tag.Modality, VR.CS, MODALITIES[i % MODALITIES.length]);
            a.setString(Tag.ReferringPhysicianName, VR.PN, FAMILY[(i * 7) % FAMILY.length] + "^Dr");
            a.setString(Tag.StudyDescription, VR.LO, "Study " + i);
            a.setString(Tag.PatientName, VR.PN, FAMILY[patient % FAMILY.length] + "^" + GIVEN[patient / FAMILY.length
                    % GIVEN.length]);
            a.setString(Tag.PatientID, VR.LO, String.format(Locale.ROOT, "PID%06d", patient));
            a.setString(Tag.PatientBirthDate, VR.DA, String.format(Locale.ROOT, "19%02d0101", 30 + patient % 70));
            a.setString(Tag.PatientSex, VR.CS, patient % 2 == 0 ? "F" : "M");
            a.setString(Tag.StudyInstanceUID, VR.UI, "2.25.1" + i);
            a.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.1" + i + ".1");
            a.setString(Tag.StudyID, VR.SH, Integer.toString(i));
            a.setString(Tag.SeriesNumber, VR.IS, "1");
            a.setString(Tag.InstanceNumber, VR.IS, "1");
            long t = System.nanoTime();
            catalog.index(a, new StoredFile("bench", "b/" + i + ".dcm", 500_000, UID.ExplicitVRLittleEndian, null));
            per[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(per);
        System.out.printf(Locale.ROOT, "indexed %d instances (one study each) in %.1f s: %.0f/s, median %.2f ms, "
                + "p90 %.2f ms per instance (one transaction each)%n", studies, seconds, studies / seconds,
                per[studies / 2] / 1e6, per[studies * 9 / 10] / 1e6);
    }

    /** The seed's study root return keys plus one matching key. */
    private static Attributes keys(int tag, String value) {
        Attributes k = new Attributes();
        k.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        k.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        for (int t : new int[] { Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.PatientName, Tag.PatientID,
            Tag.StudyID, Tag.StudyInstanceUID, Tag.ReferringPhysicianName, Tag.StudyDescription,
            Tag.PatientBirthDate, Tag.PatientSex, Tag.ModalitiesInStudy, Tag.NumberOfStudyRelatedSeries,
            Tag.NumberOfStudyRelatedInstances }) {
            k.setNull(t, org.lightbox.dicom.core.dict.DataDictionary.standard().vrOf(t));
        }
        k.setString(tag, value);
        return k;
    }

    private static void measure(Catalog catalog, int runs, String name, int tag, String value) throws Exception {
        FindQuery q = FindQuery.of(InformationModel.STUDY_ROOT, keys(tag, value), QueryOptions.DEFAULT);
        int results = 0;
        for (int i = 0; i < 20; i++) {
            results = run(catalog, q); // warm-up: JIT and Derby's statement cache
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            run(catalog, q);
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%-44s %8d %10.2f %8.2f%n", name, results, t[runs / 2] / 1e6,
                t[runs * 9 / 10] / 1e6);
    }

    private static int run(Catalog catalog, FindQuery q) throws Exception {
        int n = 0;
        List<Attributes> sink = new ArrayList<>();
        try (CatalogCursor<Attributes> c = catalog.find(q)) {
            for (Attributes a = c.next(); a != null; a = c.next()) {
                if (sink.size() < 4) {
                    sink.add(a);
                }
                n++;
            }
        }
        return n;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
