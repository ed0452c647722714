package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.internal.db.DerbyCompilation;

/** An embedded Derby catalog keeps the engine out of C2 (see {@link DerbyCompilation}), once per process. */
class DerbyCompilationTest {

    @Test
    void anEmbeddedCatalogPutsDerbyUnderC1OnlyOnce() throws Exception {
        DriverConnectionSource first = TestDatabases.inMemory();
        DriverConnectionSource second = TestDatabases.inMemory();
        try (Connection c = first.open(); Connection d = second.open()) {
            assertTrue(first.isEmbeddedDerby());
            String directives = DerbyCompilation.print();
            int at = directives.indexOf("matching: org/apache/derby/*.*");
            assertTrue(at >= 0, "no directive for Derby among: " + directives);
            assertEquals(at, directives.lastIndexOf("matching: org/apache/derby/*.*"), "added more than once");
            String c2 = directives.substring(directives.indexOf("c2 directives:", at));
            assertTrue(c2.substring(0, c2.indexOf('\n', c2.indexOf("Exclude:"))).contains("Exclude:true"),
                    "C2 still compiles Derby: " + directives);
            String c1 = directives.substring(directives.indexOf("c1 directives:", at),
                    directives.indexOf("c2 directives:", at));
            assertTrue(c1.contains("Exclude:false"), "C1 must still compile Derby: " + c1);
            assertTrue(DerbyCompilation.apply(), "applying again reports the directive in force");
        } finally {
            TestDatabases.drop(first);
            TestDatabases.drop(second);
        }
    }
}
