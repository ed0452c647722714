package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ConfigurationStoreTest {

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
    void missingFileMeansDefaults() throws Exception {
        DeviceConfiguration c = store().load();
        assertEquals("LIGHTBOX", c.node().aeTitle());
        assertEquals(11112, c.node().port());
        assertEquals(16384, c.node().maxPduReceive());
        assertEquals(List.of(), c.remoteAes());
    }

    @Test
    void savedConfigurationReadsBackEqual() throws Exception {
        DeviceConfiguration c = new DeviceConfiguration("reading-room-2",
                new NodeSettings("RR2", "127.0.0.1", 4242, 65536, 3, false, false),
                List.of(new RemoteAe("PACS", "pacs.local", 104, true, "main archive & <stuff>"),
                        new RemoteAe("CT1", "10.1.2.3", 11112, false, "")));
        store().save(c);
        assertEquals(c, store().load());
        try (var files = Files.list(dir.resolve("config"))) {
            assertEquals(List.of("device.xml"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void absentAttributesTakeDefaults() throws Exception {
        write("<lightbox-configuration version='1'><device name='x'><node ae-title='ABC'/></device>"
                + "</lightbox-configuration>");
        NodeSettings node = store().load().node();
        assertEquals("ABC", node.aeTitle());
        assertEquals(NodeSettings.DEFAULTS.port(), node.port());
    }

    @Test
    void malformedXmlNamesFileAndLine() throws Exception {
        write("<lightbox-configuration version='1'>\n<device name='x'>\n<node port='1'\n</device>");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().startsWith(dir.resolve("config/device.xml") + ":4:"), e.getMessage());
    }

    @Test
    void invalidValuesSayWhichAndWhy() throws Exception {
        write("<lightbox-configuration version='1'><device><node port='70000'/></device></lightbox-configuration>");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("<node>: port 70000 of the node is outside 1..65535"), e.getMessage());

        write("<lightbox-configuration version='1'><device><remote-ae ae-title='WAY_TOO_LONG_AE_TITLE' host='h' "
                + "port='104'/></device></lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("longer than 16 characters"), e.getMessage());

        write("<lightbox-configuration version='1'><device><node accept-unknown-callers='yes'/></device>"
                + "</lightbox-configuration>");
        e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("accept-unknown-callers=\"yes\" is neither true nor false"),
                e.getMessage());
    }

    @Test
    void newerFormatIsRefused() throws Exception {
        write("<lightbox-configuration version='7'><device/></lightbox-configuration>");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("written by a newer Lightbox (format 7"), e.getMessage());
    }

    @Test
    void olderFormatIsMigratedForward() throws Exception {
        // a hypothetical format 2 renamed <node port> to <node listen-port>; a version 1 file must still load
        UnaryOperator<Document> renamePort = doc -> {
            Element node = (Element) doc.getElementsByTagName("node").item(0);
            node.setAttribute("listen-port", node.getAttribute("port"));
            node.removeAttribute("port");
            return doc;
        };
        UnaryOperator<Document> backToPort = doc -> {
            Element node = (Element) doc.getElementsByTagName("node").item(0);
            node.setAttribute("port", node.getAttribute("listen-port"));
            node.removeAttribute("listen-port");
            return doc;
        };
        write("<lightbox-configuration version='1'><device><node port='2000'/></device></lightbox-configuration>");
        ConfigurationStore twoSteps = new ConfigurationStore(dir.resolve("config/device.xml"),
                List.of(renamePort, backToPort));
        assertEquals(2000, twoSteps.load().node().port(), "both steps ran, in order");
    }

    @Test
    void doctypeIsRejected() throws Exception {
        write("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                + "<lightbox-configuration version='1'><device name='&e;'/></lightbox-configuration>");
        assertThrows(ConfigurationException.class, () -> store().load());
    }

    @Test
    void aeTitleRules() {
        assertEquals("PACS", AeTitle.check("  PACS "));
        assertThrows(IllegalArgumentException.class, () -> AeTitle.check(" "));
        assertThrows(IllegalArgumentException.class, () -> AeTitle.check("A\\B"));
        assertThrows(IllegalArgumentException.class, () -> AeTitle.check("ÄRZTE"));
        assertEquals("SIXTEEN_CHARS_OK", AeTitle.check("SIXTEEN_CHARS_OK"));
    }

    @Test
    void remoteAeTitlesAreUnique() {
        RemoteAe a = new RemoteAe("PACS", "h1", 104, false, null);
        RemoteAe b = new RemoteAe("PACS", "h2", 104, false, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceConfiguration.DEFAULTS.withRemoteAes(List.of(a, b)));
        assertTrue(e.getMessage().contains("listed twice"));
        assertEquals("h1", DeviceConfiguration.DEFAULTS.withRemoteAes(List.of(a)).remoteAe(" PACS").get().host());
    }

    @Test
    void pduBoundsFollowTheIssue() {
        assertThrows(IllegalArgumentException.class, () -> NodeSettings.DEFAULTS.withPort(0));
        assertThrows(IllegalArgumentException.class,
                () -> new NodeSettings("A", null, 104, 8 * 1024 * 1024, 1, true, true));
        assertEquals(4 * 1024 * 1024, new NodeSettings("A", null, 104, 4 * 1024 * 1024, 1, true, true)
                .maxPduReceive());
    }
}
