import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.net.AcceptorPolicy;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServer;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.StoreRequest;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * Driver of net-bench.sh. Modes:
 * <pre>
 *   generate TEMPLATE DIR N   copies a dump2dcm-made CT N times, patching the instance UID in place
 *   send HOST PORT DIR         C-STOREs every file of DIR over one association; prints seconds
 *   receive DIR                runs a framework storage SCP writing Part 10 files; prints its port, then serves
 * </pre>
 */
public final class NetBench {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    /** The template's instance UID; copies replace its last 6 digits, keeping the length. */
    static final String TEMPLATE_UID = "1.2.826.0.1.3680043.10.1457.99.000000";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "send" -> send(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "receive" -> receive(Path.of(args[1]));
            case "port" -> {
                try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                    System.out.println(s.getLocalPort());
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void generate(Path template, Path dir, int n) throws IOException {
        byte[] t = Files.readAllBytes(template);
        byte[] uid = TEMPLATE_UID.getBytes(StandardCharsets.US_ASCII);
        Files.createDirectories(dir);
        for (int i = 1; i <= n; i++) {
            byte[] copy = t.clone();
            byte[] repl = String.format("%s%06d", TEMPLATE_UID.substring(0, TEMPLATE_UID.length() - 6), i)
                    .getBytes(StandardCharsets.US_ASCII);
            int found = 0;
            for (int p = 0; p + uid.length <= copy.length && p < 4096; p++) {
                if (java.util.Arrays.equals(copy, p, p + uid.length, uid, 0, uid.length)) {
                    System.arraycopy(repl, 0, copy, p, repl.length);
                    found++;
                }
            }
            if (found != 2) {
                throw new IOException("template UID found " + found + " times, expected 2 (meta and data set)");
            }
            Files.write(dir.resolve(String.format("ct%04d.dcm", i)), copy);
        }
    }

    static void send(String host, int port, Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        long t0 = System.nanoTime();
        AAssociateRq rq = new AAssociateRq().calledAeTitle("STORESCP").callingAeTitle("LIGHTBOX");
        rq.addPresentationContext(CT, "1.2.840.10008.1.2.1", "1.2.840.10008.1.2");
        Association a = new Connector(ConnectionOptions.defaults()).open(host, port, rq);
        int failed = 0;
        for (Path f : files) {
            DimseResponse r = a.store(StoreRequest.ofFile(f));
            if (!r.status().isSuccess()) {
                failed++;
            }
        }
        a.release();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%.3f%n", s);
        System.err.printf("lightbox SCU: %d files in %.3f s (%.0f/s), %d failed%n", files.size(), s, files.size() / s, failed);
    }

    static void receive(Path dir) throws Exception {
        Files.createDirectories(dir);
        ExecutorService ex = Executors.newCachedThreadPool();
        DicomServiceRegistry reg = new DicomServiceRegistry().withVerification();
        reg.register(CT, CommandField.C_STORE_RQ, rq -> {
            String iuid = rq.command().sopInstanceUid();
            // FileOutputStream: each write is one native call (Files.newOutputStream runs a long channel path per write)
            try (OutputStream out = new BufferedOutputStream(new FileOutputStream(dir.resolve(iuid + ".dcm").toFile()), 1 << 16)) {
                DicomWriter w = new DicomWriter(out);
                w.writeFileMetaInformation(FileMetaInformation.create(rq.command().sopClassUid(), iuid, rq.transferSyntax()));
                w.flush();
                rq.dataSet().transferTo(out);
            }
            rq.respond(0);
        });
        DicomServer server = new DicomServer(ConnectionOptions.defaults(),
                new AcceptorPolicy().addSopClasses(reg.sopClasses()), reg, ex)
                .start(InetAddress.getLoopbackAddress(), 0);
        System.out.println(server.port());
        System.out.flush();
        Thread.currentThread().join(); // serve until killed
    }
}
