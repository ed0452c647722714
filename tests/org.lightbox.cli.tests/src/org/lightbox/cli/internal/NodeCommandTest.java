package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.cli.UsageException;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;

/**
 * {@code lightbox node}'s arguments over the data folder's configuration. (Running the node in the foreground
 * until SIGTERM is tested in its own JVM by the storage bundle's crash test.)
 */
class NodeCommandTest {

    @TempDir
    Path dir;

    @Test
    void optionsOverrideTheConfiguration() throws Exception {
        new ConfigurationStore(NodeCommand.homeAt(dir.toString())).save(DeviceConfiguration.DEFAULTS.withNode(
                DeviceConfiguration.DEFAULTS.node().withAeTitle("FROMFILE").withPort(4242)));
        NodeCommand.Setup s = NodeCommand.setup(List.of("--home", dir.toString()));
        assertEquals(dir.toAbsolutePath(), s.home().root());
        assertEquals("FROMFILE", s.config().node().aeTitle());
        assertEquals(4242, s.config().node().port());
        s = NodeCommand.setup(List.of("--home", dir.toString(), "--aet", "CLI", "--port", "11113"));
        assertEquals("CLI", s.config().node().aeTitle());
        assertEquals(11113, s.config().node().port());
        assertEquals(0, s.config().node().tlsPort(), "no TLS port unless configured or asked for");
        s = NodeCommand.setup(List.of("--home", dir.toString(), "--tls-port", "2762"));
        assertEquals(2762, s.config().node().tlsPort());
        assertEquals(4242, s.config().node().port(), "the plain port stays the configuration's");
    }

    @Test
    void aTlsPortMustBeValidAndDifferFromThePlainOne() {
        UsageException e = assertThrows(UsageException.class, () -> NodeCommand.setup(List.of("--home",
                dir.toString(), "--port", "11113", "--tls-port", "11113")));
        assertTrue(e.getMessage().contains("plain DICOM port"), e.getMessage());
        e = assertThrows(UsageException.class, () -> NodeCommand.setup(List.of("--home", dir.toString(),
                "--tls-port", "-1")));
        assertTrue(e.getMessage().contains("--tls-port must be a number from 0 to 65535"), e.getMessage());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class, () -> NodeCommand.setup(List.of("--home",
                dir.toString(), "--port", "70000")));
        assertTrue(e.getMessage().contains("1 to 65535"), e.getMessage());
        e = assertThrows(UsageException.class, () -> NodeCommand.setup(List.of("--home", dir.toString(), "--aet",
                "MUCH_TOO_LONG_AE_TITLE")));
        assertTrue(e.getMessage().contains("longer than 16"), e.getMessage());
        assertThrows(UsageException.class, () -> NodeCommand.setup(List.of("--port")));
        assertThrows(UsageException.class, () -> NodeCommand.setup(List.of("extra")));
    }
}
