package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * What only a shared PostgreSQL catalog shows: several workstations (each its own {@link Catalog} and connection
 * pool) on one database, a configured {@code jdbc:postgresql:} location, results larger than one fetch. The
 * catalog's other behaviour runs on PostgreSQL through the {@code Postgres*Test} subclasses.
 */
class PostgresCatalogTest {

    private final DriverConnectionSource db = TestPostgres.newDatabase();

    @AfterEach
    void dropDatabase() {
        TestPostgres.drop(db);
    }

    private static StoredFile file(String name) {
        return new StoredFile("s1", "x/" + name + ".dcm", 100, "1.2.840.10008.1.2.1", "CRC32C:00000000");
    }

    @Test
    void aConfiguredPostgresLocationNamesItsDriverAndConnects() throws Exception {
        // storage/@catalog-url carries no separate credentials: they go into the URL, the password masked in messages
        CatalogLocation location = new CatalogLocation(db.describe() + "?user=" + TestPostgres.USER
                + "&password=secret", null, null);
        assertEquals(CatalogLocation.POSTGRESQL_DRIVER, location.driverClassName());
        assertEquals(db.describe() + "?user=" + TestPostgres.USER + "&password=***",
                location.connectionSource(TestPostgres.driver()).describe());
        assertTrue(!location.toString().contains("secret"), location.toString());
        try (Catalog c = Catalog.open(location.connectionSource(TestPostgres.driver()), CatalogSettings.DEFAULT)) {
            c.index(TestInstances.ct("P1", "Müller^Jürgen", "1.1", "1.1.1", "1.1.1.1"), file("a"));
            assertEquals("Müller^Jürgen", c.study("1.1").orElseThrow().patientName());
        }
    }

    @Test
    void aServerThatIsNotThereIsACatalogErrorNamingIt() throws Exception {
        int port = TestDatabases.freePort();
        CatalogLocation location = new CatalogLocation("jdbc:postgresql://127.0.0.1:" + port + "/lightbox",
                TestPostgres.USER, "secret");
        CatalogException e = assertThrows(CatalogException.class,
                () -> Catalog.open(location.connectionSource(TestPostgres.driver()), CatalogSettings.DEFAULT));
        assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains(Integer.toString(port)),
                e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "never the password: " + e.getMessage());
    }

    @Test
    void missingServerBinariesNameThePackageToInstall(@TempDir Path empty) throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestPostgres.binaries(empty.toString(), empty.resolve("lib")));
        assertTrue(e.getMessage().contains("'" + TestPostgres.DEBIAN_PACKAGE + "'"), e.getMessage());
        // a Debian layout off PATH is found, the newest version first
        for (String v : new String[] { "13", "15" }) {
            Path bin = Files.createDirectories(empty.resolve("lib").resolve(v).resolve("bin"));
            for (String tool : new String[] { "initdb", "pg_ctl", "postgres" }) {
                Files.createFile(bin.resolve(tool)).toFile().setExecutable(true);
            }
        }
        assertEquals(empty.resolve("lib/15/bin"), TestPostgres.binaries("", empty.resolve("lib")));
    }

    @Test
    void workstationsIndexingTheSameStudiesAtOnceKeepThemConsistent() throws Exception {
        int stations = 3;
        int perStation = 40;
        List<Catalog> catalogs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(stations);
        try {
            for (int s = 0; s < stations; s++) {
                catalogs.add(Catalog.open(db, CatalogSettings.DEFAULT.withDuplicatePolicy(DuplicatePolicy.REJECT)));
            }
            CyclicBarrier start = new CyclicBarrier(stations);
            List<Future<Integer>> rejected = new ArrayList<>();
            for (int s = 0; s < stations; s++) {
                Catalog c = catalogs.get(s);
                rejected.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    int duplicates = 0;
                    // every station sends the same instances of four studies of two patients
                    for (int i = 0; i < perStation; i++) {
                        String study = "2." + (i % 4);
                        Attributes a = TestInstances.ct("P" + (i % 2), "Doe^" + (i % 2), study, study + ".1",
                                study + ".1." + i);
                        try {
                            c.index(a, file("s" + Thread.currentThread().getId() + "-" + i));
                        } catch (DuplicateInstanceException e) {
                            duplicates++;
                        }
                    }
                    return duplicates;
                }));
            }
            int duplicates = 0;
            for (Future<Integer> f : rejected) {
                duplicates += f.get(120, TimeUnit.SECONDS);
            }
            assertEquals((stations - 1) * perStation, duplicates, "each instance is stored by exactly one station");
            Catalog any = catalogs.get(0);
            int total = 0;
            for (int k = 0; k < 4; k++) {
                StudyRecord s = any.study("2." + k).orElseThrow();
                assertEquals(1, s.numberOfSeries());
                assertEquals(perStation / 4, s.numberOfInstances(), "2." + k);
                assertEquals(perStation / 4 * 100L, s.sizeOnDisk(), "2." + k);
                total += s.numberOfInstances();
            }
            assertEquals(perStation, total);
            int patients = any.read(conn -> {
                try (var rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM PATIENT")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(2, patients);
        } finally {
            pool.shutdownNow();
            for (Catalog c : catalogs) {
                c.close();
            }
        }
    }

    @Test
    void aResultLongerThanOneFetchStreamsWhileTheCatalogKeepsIndexing() throws Exception {
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT)) {
            int n = 250; // the cursor fetches 100 rows at a time
            List<Attributes> xs = new ArrayList<>();
            List<StoredFile> files = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                xs.add(TestInstances.ct("P1", "A^B", "3.1", "3.1.1", "3.1.1." + i));
                files.add(file("f" + i));
            }
            c.indexAll(xs, files);
            int seen = 0;
            try (CatalogCursor<Attributes> cursor = c.find(FindQuery.of(InformationModel.STUDY_ROOT,
                    FindTest.keys(QueryLevel.IMAGE, Tag.StudyInstanceUID, "3.1", Tag.SeriesInstanceUID, "3.1.1",
                            Tag.SOPInstanceUID, null),
                    QueryOptions.DEFAULT))) {
                for (Attributes a = cursor.next(); a != null; a = cursor.next()) {
                    if (seen++ == 150) { // between fetches: writes go on, on other connections
                        c.index(TestInstances.ct("P2", "C^D", "3.2", "3.2.1", "3.2.1.1"), file("other"));
                        // the driver streams only from a portal, which lives in an open transaction: the cursor's
                        int streaming = c.read(conn -> {
                            try (var rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM pg_stat_activity "
                                    + "WHERE datname = current_database() AND state = 'idle in transaction'")) {
                                rs.next();
                                return rs.getInt(1);
                            }
                        });
                        assertEquals(1, streaming, "the cursor reads in fetches, not all rows at once");
                    }
                }
            }
            assertEquals(n, seen);
            assertEquals(1, c.study("3.2").orElseThrow().numberOfInstances());
            assertEquals(n, c.study("3.1").orElseThrow().numberOfInstances());
        }
    }
}
