package org.lightbox.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.cli.UsageException;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.TlsOptions;

/**
 * The options every networking command shares: the target {@code AET@host:port}, our calling AE title, the
 * maximum PDU we receive and DICOM TLS. Parses them out of the argument list and leaves the rest.
 */
final class NetworkOptions {
    static final String USAGE = "  --calling-aet AET      our AE title (default LIGHTBOX)\n"
            + "  --max-pdu BYTES        maximum PDU length we receive, 4096..4194304 (default 16384)\n"
            + "  --tls                  use DICOM TLS (TLS 1.2/1.3); needs --keystore and --truststore\n"
            + "  --keystore FILE        PKCS12/JKS key store with our certificate\n"
            + "  --keystore-pass PASS   its password (default: $LIGHTBOX_KEYSTORE_PASS)\n"
            + "  --truststore FILE      PKCS12/JKS store of the certificates we trust\n"
            + "  --truststore-pass PASS its password (default: $LIGHTBOX_TRUSTSTORE_PASS)";

    String callingAet = "LIGHTBOX";
    String calledAet;
    String host;
    int port;
    int maxPdu = ConnectionOptions.DEFAULT_MAX_PDU;
    boolean tls;
    Path keyStore;
    Path trustStore;
    String keyStorePass = System.getenv("LIGHTBOX_KEYSTORE_PASS");
    String trustStorePass = System.getenv("LIGHTBOX_TRUSTSTORE_PASS");
    final List<String> rest = new ArrayList<>();

    static NetworkOptions parse(List<String> args) throws UsageException {
        NetworkOptions o = new NetworkOptions();
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--calling-aet": o.callingAet = value(args, ++i, a); break;
                case "--max-pdu":
                    try {
                        o.maxPdu = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--max-pdu needs a number of bytes");
                    }
                    break;
                case "--tls": o.tls = true; break;
                case "--keystore": o.keyStore = Path.of(value(args, ++i, a)); break;
                case "--keystore-pass": o.keyStorePass = value(args, ++i, a); break;
                case "--truststore": o.trustStore = Path.of(value(args, ++i, a)); break;
                case "--truststore-pass": o.trustStorePass = value(args, ++i, a); break;
                default:
                    if (target == null && !a.startsWith("-") && a.contains("@")) {
                        target = a;
                    } else {
                        o.rest.add(a);
                    }
            }
        }
        if (target == null) {
            throw new UsageException("no target AET@host:port given");
        }
        int at = target.indexOf('@');
        int colon = target.lastIndexOf(':');
        if (at < 1 || colon < at + 2 || colon == target.length() - 1) {
            throw new UsageException("target must look like AET@host:port: " + target);
        }
        o.calledAet = target.substring(0, at);
        o.host = target.substring(at + 1, colon);
        try {
            o.port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("bad port in " + target);
        }
        if (o.port < 1 || o.port > 65535) {
            throw new UsageException("port out of range in " + target);
        }
        if (o.tls && (o.keyStore == null || o.trustStore == null)) {
            throw new UsageException("--tls needs --keystore and --truststore");
        }
        return o;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    ConnectionOptions connectionOptions() throws Exception {
        ConnectionOptions c;
        try {
            c = ConnectionOptions.defaults().withMaxPduReceive(maxPdu);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (tls) {
            c = c.withTls(TlsOptions.of(keyStore, chars(keyStorePass), trustStore, chars(trustStorePass)));
        }
        return c;
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }
}
