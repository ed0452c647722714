package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class BuildInfoTest {

    @Test
    void splitsReleaseAndQualifier() {
        BuildInfo info = BuildInfo.of(Version.parseVersion("1.2.3.202611270530"));
        assertEquals("1.2.3", info.version());
        assertEquals("202611270530", info.build());
        assertEquals("Lightbox 1.2.3 (build 202611270530)", info.describe());
    }

    @Test
    void unqualifiedVersionIsADevelopmentBuild() {
        assertEquals("development", BuildInfo.of(Version.parseVersion("0.1.0")).build());
        assertEquals("development", BuildInfo.of(Version.parseVersion("0.1.0.qualifier")).build());
    }

    @Test
    void runningBuildCarriesTheTychoQualifier() {
        // inside the OSGi test runtime this bundle was built by Tycho, which replaces "qualifier" with a timestamp
        BuildInfo running = BuildInfo.current();
        assertTrue(running.version().matches("\\d+\\.\\d+\\.\\d+"), running.version());
        assertNotEquals("development", running.build());
        assertEquals(12, running.build().length(), "Tycho's default qualifier is yyyyMMddHHmm: " + running.build());
    }
}
