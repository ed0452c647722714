package org.lightbox.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.StoreRequest;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox store [options] AET@host:port FILE|DIR...}: C-STORE of Part 10 files over one association.
 * Proposes, per SOP class, the files' own transfer syntaxes plus Explicit and Implicit VR Little Endian; a file
 * whose syntax the peer refused is converted when both are uncompressed, and otherwise fails alone with the
 * peer's reason. Ends with {@code sent N, warnings N, failed N, X MB/s}.
 */
@Component(service = Command.class)
public final class StoreCommand implements Command {
    static final String EVLE = "1.2.840.10008.1.2.1";
    static final String IVLE = "1.2.840.10008.1.2";

    @Override
    public String name() {
        return "store";
    }

    @Override
    public String summary() {
        return "send DICOM files to a peer with C-STORE";
    }

    @Override
    public String usage() {
        return "lightbox store [options] AET@host:port FILE|DIR...\n" + NetworkOptions.USAGE
                + "\n  Folders are walked recursively; non-DICOM files are reported and skipped.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        NetworkOptions o = NetworkOptions.parse(args);
        if (o.rest.isEmpty()) {
            throw new UsageException("no file or folder given");
        }
        int failed = 0;
        List<StoreRequest> requests = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (String r : o.rest) {
            if (r.startsWith("-")) {
                throw new UsageException("unknown option " + r);
            }
            for (Path f : files(Path.of(r), err)) {
                try {
                    requests.add(StoreRequest.ofFile(f));
                    paths.add(f);
                } catch (IOException e) {
                    err.println(f + ": " + e.getMessage());
                    failed++;
                }
            }
        }
        int sent = 0;
        int warnings = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        if (!requests.isEmpty()) {
            AAssociateRq rq = propose(o, requests);
            Association a = new Connector(o.connectionOptions()).open(o.host, o.port, rq);
            try {
                for (int i = 0; i < requests.size(); i++) {
                    StoreRequest s = requests.get(i);
                    Path f = paths.get(i);
                    try {
                        DimseResponse rsp = a.store(fit(a, s, f));
                        Status st = rsp.status();
                        if (st.isSuccess()) {
                            sent++;
                        } else if (st.isWarning()) {
                            sent++;
                            warnings++;
                            err.println(f + ": " + st + comment(rsp));
                        } else {
                            failed++;
                            err.println(f + ": " + st + comment(rsp));
                        }
                        bytes += Files.size(f);
                    } catch (org.lightbox.dicom.net.NoPresentationContextException e) {
                        failed++;
                        err.println(f + ": " + e.getMessage());
                    }
                    if (!a.isOpen()) {
                        failed += requests.size() - i - 1;
                        err.println("association ended early; " + (requests.size() - i - 1) + " files not sent");
                        break;
                    }
                }
            } finally {
                if (a.isOpen()) {
                    a.release();
                }
            }
        }
        double seconds = Math.max((System.nanoTime() - t0) / 1e9, 1e-6);
        out.printf("sent %d, warnings %d, failed %d, %.1f MB/s%n", sent, warnings, failed, bytes / 1e6 / seconds);
        return failed == 0 ? 0 : 1;
    }

    private static String comment(DimseResponse rsp) {
        String c = rsp.errorComment();
        return c == null ? "" : " (" + c + ")";
    }

    private static List<Path> files(Path root, PrintStream err) throws IOException {
        try {
            return InputFiles.under(root);
        } catch (NoSuchFileException e) {
            err.println(e.getMessage());
            return List.of();
        }
    }

    /** Per SOP class: one context per compressed syntax found, and one offering Explicit then Implicit VR LE. */
    static AAssociateRq propose(NetworkOptions o, List<StoreRequest> requests) throws UsageException {
        Map<String, Set<String>> byClass = new LinkedHashMap<>();
        for (StoreRequest s : requests) {
            byClass.computeIfAbsent(s.sopClassUid(), k -> new LinkedHashSet<>()).add(s.transferSyntax());
        }
        AAssociateRq rq = new AAssociateRq().calledAeTitle(o.calledAet).callingAeTitle(o.callingAet);
        int contexts = 0;
        for (Map.Entry<String, Set<String>> e : byClass.entrySet()) {
            for (String ts : e.getValue()) {
                if (!isUncompressed(ts)) {
                    contexts++;
                }
            }
            contexts++;
        }
        if (contexts > 128) {
            throw new UsageException(contexts + " presentation contexts needed, at most 128 fit one association: "
                    + "send fewer kinds of files at once");
        }
        for (Map.Entry<String, Set<String>> e : byClass.entrySet()) {
            for (String ts : e.getValue()) {
                if (!isUncompressed(ts)) {
                    rq.addPresentationContext(e.getKey(), ts);
                }
            }
            rq.addPresentationContext(e.getKey(), EVLE, IVLE);
        }
        return rq;
    }

    static boolean isUncompressed(String ts) {
        TransferSyntax t = TransferSyntax.of(ts);
        return !t.encapsulated() && !t.deflated();
    }

    /** The request as is when the peer accepted its syntax, else converted to an accepted uncompressed one. */
    static StoreRequest fit(Association a, StoreRequest s, Path file) throws IOException {
        List<String> accepted = a.acceptedTransferSyntaxes(s.sopClassUid());
        if (accepted.contains(s.transferSyntax())) {
            return s;
        }
        String target = accepted.stream().filter(StoreCommand::isUncompressed).findFirst().orElse(null);
        if (target == null || !isUncompressed(s.transferSyntax())) {
            String why = a.rejectionReason(s.sopClassUid());
            throw new org.lightbox.dicom.net.NoPresentationContextException("peer refused " + s.transferSyntax()
                    + (why != null ? " (" + why + ")" : ", accepted only " + accepted)
                    + (isUncompressed(s.transferSyntax()) ? "" : "; transcoding of compressed data is not available yet"));
        }
        DataWriter converted = (out, ts) -> {
            Attributes ds;
            try (DicomReader r = new DicomReader(file, ReadOptions.DEFAULT.withBulkDataByReference(false)
                    .withAcceptOddLengths(true))) {
                ds = r.readDataset();
            }
            DicomWriter w = new DicomWriter(out);
            w.writeDataset(ds, TransferSyntax.of(ts));
            w.flush();
        };
        return new StoreRequest(s.sopClassUid(), s.sopInstanceUid(), target, converted, s.priority(),
                s.moveOriginatorAeTitle(), s.moveOriginatorMessageId());
    }
}
