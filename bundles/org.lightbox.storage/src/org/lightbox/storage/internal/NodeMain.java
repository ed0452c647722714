package org.lightbox.storage.internal;

import java.nio.file.Path;

import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.storage.NodeConsole;

/**
 * The node as a plain Java program, for running it in a JVM of its own without OSGi (the crash test kills it with
 * SIGKILL; the benchmark measures it): {@code java -cp <classes>:<derby jars> org.lightbox.storage.internal.NodeMain
 * --home DIR [--aet AET] [--port N]}. The configuration is {@code DIR/config/device.xml} (defaults if absent).
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String home = null;
        String aet = null;
        int port = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = value(args, ++i);
                case "--aet" -> aet = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                default -> {
                    System.err.println("usage: NodeMain --home DIR [--aet AET] [--port N]; unknown: " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (home == null) {
            System.err.println("usage: NodeMain --home DIR [--aet AET] [--port N]");
            System.exit(2);
        }
        String root = Path.of(home).toAbsolutePath().toString();
        LightboxHome h = LightboxHome.resolve(k -> k.equals(LightboxHome.PROPERTY) ? root : System.getProperty(k),
                k -> null);
        DeviceConfiguration config = new ConfigurationStore(h).load();
        if (aet != null) {
            config = config.withNode(config.node().withAeTitle(aet));
        }
        if (port > 0) {
            config = config.withNode(config.node().withPort(port));
        }
        int status = NodeConsole.run(h, config, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            System.err.println("option " + args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
