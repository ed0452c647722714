package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * A catalog shared through a Derby network server, as several workstations would use it: the server runs in its
 * own JVM, the catalog connects with the client driver.
 */
class NetworkServerTest {

    @TempDir
    Path home;

    @Test
    void schemaIndexAndQueryThroughTheClientDriver() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (TestDatabases.NetworkServer server = TestDatabases.startNetworkServer(home)) {
                CatalogLocation location = new CatalogLocation(server.url("lightbox"), "app", "app");
                assertEquals(CatalogLocation.DERBY_CLIENT_DRIVER, location.driverClassName());
                ConnectionSource source = location.connectionSource(TestDatabases.clientDriver());
                try (Catalog catalog = Catalog.open(source, CatalogSettings.DEFAULT)) {
                    QueryCorpus.load(catalog);
                    List<Attributes> r = new ArrayList<>();
                    try (CatalogCursor<Attributes> c = catalog.find(FindQuery.of(InformationModel.STUDY_ROOT,
                            FindTest.keys(QueryLevel.STUDY, Tag.PatientName, "mü*", Tag.StudyDate, "20230101-20241231",
                                    Tag.StudyInstanceUID, null, Tag.ModalitiesInStudy, null),
                            QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true)))) {
                        for (Attributes a = c.next(); a != null; a = c.next()) {
                            r.add(a);
                        }
                    }
                    assertEquals(Set.of("9.1", "9.2", "9.3"), FindTest.values(r, Tag.StudyInstanceUID));
                    Attributes s1 = r.stream().filter(a -> a.getString(Tag.StudyInstanceUID).equals("9.1"))
                            .findFirst().orElseThrow();
                    assertEquals("CT\\PR", String.join("\\", s1.getStrings(Tag.ModalitiesInStudy)));
                    assertEquals("Müller^Jürgen", catalog.study("9.1").orElseThrow().patientName());
                    assertEquals(4, catalog.locate(FindQuery.of(InformationModel.STUDY_ROOT,
                            FindTest.keys(QueryLevel.STUDY, Tag.StudyInstanceUID, "9.1"), QueryOptions.DEFAULT)).size());
                    long job = catalog.jobs().submit("send", "over the network", new byte[] { 1, 2 }, null);
                    assertEquals(2, catalog.jobs().get(job).orElseThrow().payload().length);
                }
                // a second workstation opening the same catalog finds the schema in place
                try (Catalog again = Catalog.open(source, CatalogSettings.DEFAULT)) {
                    Set<String> studies = new TreeSet<>();
                    for (StudyRecord s : again.allStudies()) {
                        studies.add(s.studyUid());
                    }
                    assertEquals(Set.of("9.1", "9.2", "9.3", "9.4", "9.5", "9.6"), studies);
                }
            }
        });
    }

    @Test
    void aServerThatIsNotThereIsACatalogErrorWithDerbysMessage() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CatalogLocation location = new CatalogLocation("jdbc:derby://127.0.0.1:" + port + "/lightbox;create=true",
                "app", "app");
        ConnectionSource source = location.connectionSource(TestDatabases.clientDriver());
        // the client's messages must be found (inside OSGi they live in another jar than the code that reads them)
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(source, CatalogSettings.DEFAULT));
        assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains(Integer.toString(port)),
                e.getMessage());
        assertTrue(e.getCause() instanceof java.sql.SQLException, String.valueOf(e.getCause()));
    }

    @Test
    void aMissingDerbyClasspathIsReportedClearly() {
        String saved = System.getProperty(TestDatabases.DERBY_CLASSPATH);
        System.clearProperty(TestDatabases.DERBY_CLASSPATH);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, TestDatabases::derbyClasspath);
            assertEquals(true, e.getMessage().contains(TestDatabases.DERBY_CLASSPATH));
        } finally {
            if (saved != null) {
                System.setProperty(TestDatabases.DERBY_CLASSPATH, saved);
            }
        }
    }
}
