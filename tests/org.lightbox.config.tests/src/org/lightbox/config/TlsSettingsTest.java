package org.lightbox.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device's TLS key and trust stores: saved and read back, absent in older files, passwords from the env. */
class TlsSettingsTest {

    @TempDir
    Path dir;

    private ConfigurationStore store() {
        return new ConfigurationStore(dir.resolve("config/device.xml"), List.of());
    }

    @Test
    void storesAreSavedAndReadBackAndAnOlderFileHasNone() throws Exception {
        assertFalse(store().load().tls().configured(), "no file: no TLS");
        DeviceConfiguration c = DeviceConfiguration.DEFAULTS.withTls(new TlsSettings("/etc/lightbox/node.p12", "secret",
                "/etc/lightbox/trust.p12", ""));
        store().save(c);
        DeviceConfiguration back = store().load();
        assertEquals(c.tls(), back.tls());
        assertTrue(back.tls().configured());
        String xml = Files.readString(dir.resolve("config/device.xml"), StandardCharsets.UTF_8);
        assertFalse(xml.contains("trust-store-password"), "an empty password is not written: " + xml);
        assertFalse(back.tls().toString().contains("secret"), "passwords stay out of messages");

        Files.writeString(dir.resolve("config/device.xml"), "<lightbox-configuration version='1'><device>"
                + "<node ae-title='OLD'/></device></lightbox-configuration>", StandardCharsets.UTF_8);
        assertEquals(TlsSettings.NONE, store().load().tls());
    }

    @Test
    void aKeyStoreWithoutATrustStoreIsRefusedWithItsPlace() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/device.xml"), "<lightbox-configuration version='1'><device>"
                + "<tls key-store='/k.p12'/></device></lightbox-configuration>", StandardCharsets.UTF_8);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().load());
        assertTrue(e.getMessage().contains("<tls>") && e.getMessage().contains("trust store"), e.getMessage());
    }

    @Test
    void anEmptyPasswordComesFromTheEnvironment() {
        Map<String, String> env = Map.of("LIGHTBOX_KEYSTORE_PASS", "from-env", "LIGHTBOX_TRUSTSTORE_PASS", "t-env");
        TlsSettings t = new TlsSettings("/k.p12", "", "/t.p12", "in-file");
        assertArrayEquals("from-env".toCharArray(), t.keyStorePassword(env::get));
        assertArrayEquals("in-file".toCharArray(), t.trustStorePassword(env::get));
        assertArrayEquals(new char[0], t.keyStorePassword(k -> null));
    }
}
