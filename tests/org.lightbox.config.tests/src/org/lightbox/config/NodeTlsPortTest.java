package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's DICOM TLS port ({@code <node tls-port=".." tls-client-auth="required|none">}) in the configuration. */
class NodeTlsPortTest {

    @TempDir
    Path dir;

    private ConfigurationStore store() {
        return new ConfigurationStore(dir.resolve("config/device.xml"), List.of());
    }

    private Path file() {
        return dir.resolve("config/device.xml");
    }

    private void write(String nodeAttributes) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(file(), "<lightbox-configuration version='1'><device name='x'><node ae-title='ABC' "
                + nodeAttributes + "/></device></lightbox-configuration>", StandardCharsets.UTF_8);
    }

    private String loadFailure(String nodeAttributes) throws IOException {
        write(nodeAttributes);
        return assertThrows(ConfigurationException.class, () -> store().load()).getMessage();
    }

    @Test
    void anOldFileHasNoTlsPortAndWouldRequireClientCertificates() throws Exception {
        write("port='104'");
        NodeSettings n = store().load().node();
        assertEquals(0, n.tlsPort());
        assertFalse(n.tlsEnabled());
        assertTrue(n.tlsClientAuth());
        assertEquals(0, NodeSettings.DEFAULTS.tlsPort());
    }

    @Test
    void tlsPortAndClientAuthReadBackAfterSaving() throws Exception {
        DeviceConfiguration c = DeviceConfiguration.DEFAULTS.withNode(NodeSettings.DEFAULTS.withTls(2762, false))
                .withTls(new TlsSettings("/keys/node.p12", "", "/keys/trust.p12", ""));
        store().save(c);
        String xml = Files.readString(file());
        assertTrue(xml.contains("tls-port=\"2762\""), xml);
        assertTrue(xml.contains("tls-client-auth=\"none\""), xml);
        assertEquals(c, store().load());

        DeviceConfiguration required = c.withNode(c.node().withTls(4443, true));
        store().save(required);
        assertTrue(Files.readString(file()).contains("tls-client-auth=\"required\""));
        assertEquals(required, store().load());
    }

    @Test
    void withoutATlsPortTheFileStaysAsEarlierVersionsWroteIt() throws Exception {
        store().save(DeviceConfiguration.DEFAULTS);
        String xml = Files.readString(file());
        assertFalse(xml.contains("tls-port"), xml);
        assertFalse(xml.contains("tls-client-auth"), xml);
        assertEquals(DeviceConfiguration.DEFAULTS, store().load());
    }

    @Test
    void attributesAreRead() throws Exception {
        write("port='11112' tls-port='2762'");
        NodeSettings n = store().load().node();
        assertEquals(2762, n.tlsPort());
        assertTrue(n.tlsClientAuth(), "required is the default");
        write("port='11112' tls-port='2762' tls-client-auth='NONE'");
        assertFalse(store().load().node().tlsClientAuth());
        write("port='11112' tls-port='0' tls-client-auth='required'");
        assertFalse(store().load().node().tlsEnabled(), "0 turns the TLS port off");
    }

    @Test
    void invalidTlsSettingsSayWhatAndWhere() throws Exception {
        String m = loadFailure("port='11112' tls-port='70000'");
        assertTrue(m.startsWith(file().toString()), m);
        assertTrue(m.contains("<node>: TLS port 70000 of the node is outside 1..65535"), m);

        m = loadFailure("port='11112' tls-port='-1'");
        assertTrue(m.contains("TLS port -1 of the node is outside 1..65535"), m);

        m = loadFailure("port='11112' tls-port='11112'");
        assertTrue(m.contains("TLS port 11112 is the node's plain DICOM port too"), m);

        m = loadFailure("port='11112' tls-port='secure'");
        assertTrue(m.contains("tls-port=\"secure\"") && m.contains("not a whole number"), m);

        m = loadFailure("port='11112' tls-port='2762' tls-client-auth='optional'");
        assertTrue(m.contains("tls-client-auth=\"optional\" is neither required nor none"), m);
    }

    @Test
    void settingsKeepTheTlsPortThroughOtherChangesAndCheckIt() {
        NodeSettings n = NodeSettings.DEFAULTS.withTls(2762, true);
        assertEquals(2762, n.withAeTitle("OTHER").tlsPort());
        assertEquals(2762, n.withPort(104).tlsPort());
        assertFalse(n.withTls(2762, false).tlsClientAuth());
        assertThrows(IllegalArgumentException.class, () -> n.withPort(2762));
        assertThrows(IllegalArgumentException.class, () -> NodeSettings.DEFAULTS.withTls(65536, true));
        // the constructor of earlier versions keeps working and means "no TLS port"
        NodeSettings old = new NodeSettings("A", null, 104, NodeSettings.DEFAULT_PDU, 1, true, true);
        assertEquals(0, old.tlsPort());
        assertTrue(old.tlsClientAuth());
    }
}
