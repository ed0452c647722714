package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code <storage>} element: defaults when absent, round trip, and clear messages for bad values. */
class StorageSettingsTest {

    @TempDir
    Path dir;

    private ConfigurationStore store() {
        return new ConfigurationStore(dir.resolve("config/device.xml"), List.of());
    }

    private void write(String xml) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/device.xml"), xml, StandardCharsets.UTF_8);
    }

    @Test
    void absentElementMeansDefaults() throws Exception {
        write("<lightbox-configuration version='1'><device name='x'><node ae-title='ABC'/></device>"
                + "</lightbox-configuration>");
        StorageSettings s = store().load().storage();
        assertEquals(StorageSettings.DEFAULTS, s);
        assertEquals(StorageSettings.Duplicates.KEEP_BOTH, s.duplicates(), "the seed keeps both copies");
        assertEquals(StorageSettings.Fsync.ALWAYS, s.fsync());
        assertFalse(s.autoDelete().isActive());
        assertEquals(StorageSettings.DEFAULTS, DeviceConfiguration.DEFAULTS.storage());
    }

    @Test
    void savedSettingsReadBackEqual() throws Exception {
        AutoDeleteRules rules = AutoDeleteRules.NONE.withMaxAgeDays(30, AutoDeleteRules.AgeBasis.LAST_ACCESS)
                .withMinFreeMegabytes(2048).withMaxStoreMegabytes(500_000)
                .withOnlyStates(EnumSet.of(AutoDeleteRules.StudyState.SENT, AutoDeleteRules.StudyState.COMMITTED))
                .withIntervalMinutes(15).withDeleteOnceCommitted(true);
        StorageSettings s = new StorageSettings("/data/store", "jdbc:derby://db:1527/lightbox;create=true",
                StorageSettings.Duplicates.REPLACE, StorageSettings.Fsync.BATCH, true, rules);
        DeviceConfiguration c = DeviceConfiguration.DEFAULTS.withStorage(s);
        store().save(c);
        DeviceConfiguration back = store().load();
        assertEquals(c, back);
        assertTrue(back.storage().autoDelete().isActive());
        String xml = Files.readString(dir.resolve("config/device.xml"));
        assertTrue(xml.contains("duplicates=\"replace\""), xml);
        assertTrue(xml.contains("only-states=\"sent,committed\""), xml);
        assertTrue(xml.contains("delete-once-committed=\"true\""), xml);
        assertTrue(AutoDeleteRules.NONE.withDeleteOnceCommitted(true).isActive(), "the rule alone is active");
        assertFalse(AutoDeleteRules.NONE.deleteOnceCommitted());
    }

    @Test
    void spellingIsLenient() throws Exception {
        write("<lightbox-configuration version='1'><device><storage duplicates='KEEP_BOTH' fsync='Never'>"
                + "<auto-delete max-age-days='7' only-states='received sent'/></storage></device>"
                + "</lightbox-configuration>");
        StorageSettings s = store().load().storage();
        assertEquals(StorageSettings.Duplicates.KEEP_BOTH, s.duplicates());
        assertEquals(StorageSettings.Fsync.NEVER, s.fsync());
        assertEquals(7, s.autoDelete().maxAgeDays());
        assertEquals(Set.of(AutoDeleteRules.StudyState.RECEIVED, AutoDeleteRules.StudyState.SENT),
                s.autoDelete().onlyStates());
        assertEquals(AutoDeleteRules.NONE.intervalMinutes(), s.autoDelete().intervalMinutes());
    }

    @Test
    void invalidValuesSayWhereAndWhat() throws Exception {
        write("<lightbox-configuration version='1'><device><storage duplicates='merge'/></device>"
                + "</lightbox-configuration>");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("<storage>: duplicates=\"merge\" is not one of keep-both, reject, replace"),
                e.getMessage());

        write("<lightbox-configuration version='1'><device><storage><auto-delete max-age-days='-3'/></storage>"
                + "</device></lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("<auto-delete>: auto-delete age -3 days is negative"), e.getMessage());

        // a quota whose bytes do not fit a long would wrap round and delete studies
        write("<lightbox-configuration version='1'><device><storage><auto-delete max-store-mb='17592186044418'/>"
                + "</storage></device></lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("<auto-delete>: max-store-mb 17592186044418 is more than the largest"),
                e.getMessage());
        write("<lightbox-configuration version='1'><device><storage><auto-delete min-free-mb='9000000000000000'/>"
                + "</storage></device></lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("<auto-delete>: min-free-mb 9000000000000000 is more"), e.getMessage());

        write("<lightbox-configuration version='1'><device><storage><auto-delete min-free-mb='lots'/></storage>"
                + "</device></lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("min-free-mb=\"lots\": not a whole number"), e.getMessage());

        write("<lightbox-configuration version='1'><device><storage catalog-url='derby:/x'/></device>"
                + "</lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("is not a JDBC URL"), e.getMessage());
    }

    @Test
    void rulesValidate() {
        assertThrows(IllegalArgumentException.class, () -> AutoDeleteRules.NONE.withIntervalMinutes(0));
        assertThrows(IllegalArgumentException.class, () -> AutoDeleteRules.NONE.withMaxStoreMegabytes(-1));
        assertTrue(AutoDeleteRules.NONE.withMaxStoreMegabytes(1).isActive());
        assertEquals(StorageSettings.DEFAULTS, new DeviceConfiguration("d", NodeSettings.DEFAULTS, List.of(), null)
                .storage());
    }
}
