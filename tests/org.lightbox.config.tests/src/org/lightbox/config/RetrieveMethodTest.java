package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-remote-AE retrieve method: C-MOVE unless the table says C-GET; older files read as C-MOVE. */
class RetrieveMethodTest {

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
    void theShortConstructorMeansMove() {
        assertEquals(RetrieveMethod.MOVE, new RemoteAe("PACS", "h", 104, false, "").retrieve());
        assertEquals(RetrieveMethod.MOVE, new RemoteAe("PACS", "h", 104, false, "", null).retrieve());
        assertEquals(RetrieveMethod.GET, new RemoteAe("PACS", "h", 104, false, "").withRetrieve(RetrieveMethod.GET)
                .retrieve());
    }

    @Test
    void aFileWithoutTheAttributeReadsAsMove() throws Exception {
        write("<lightbox-configuration version='1'><device><remote-ae ae-title='OLD' host='h' port='104'/>"
                + "</device></lightbox-configuration>");
        assertEquals(RetrieveMethod.MOVE, store().load().remoteAe("OLD").get().retrieve());
    }

    @Test
    void getIsSavedAndReadBack() throws Exception {
        DeviceConfiguration c = DeviceConfiguration.DEFAULTS.withRemoteAes(List.of(
                new RemoteAe("BEHIND_NAT", "10.9.8.7", 11112, false, "C-GET only", RetrieveMethod.GET),
                new RemoteAe("PACS", "pacs", 104, false, "")));
        store().save(c);
        assertTrue(Files.readString(store().file()).contains("retrieve=\"GET\""));
        DeviceConfiguration back = store().load();
        assertEquals(c, back);
        assertEquals(RetrieveMethod.GET, back.remoteAe("BEHIND_NAT").get().retrieve());
        assertEquals(RetrieveMethod.MOVE, back.remoteAe("PACS").get().retrieve());
    }

    @Test
    void caseDoesNotMatterButNonsenseIsRefusedWithItsPlace() throws Exception {
        write("<lightbox-configuration version='1'><device><remote-ae ae-title='A' host='h' port='104' "
                + "retrieve='get'/></device></lightbox-configuration>");
        assertEquals(RetrieveMethod.GET, store().load().remoteAe("A").get().retrieve());
        write("<lightbox-configuration version='1'><device><remote-ae ae-title='B' host='h' port='104' "
                + "retrieve='ftp'/></device></lightbox-configuration>");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("ae-title=\"B\"") && e.getMessage().contains("ftp"), e.getMessage());
    }
}
