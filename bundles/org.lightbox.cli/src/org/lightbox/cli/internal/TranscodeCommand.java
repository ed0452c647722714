package org.lightbox.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.dict.UidEntry;
import org.lightbox.dicom.core.dict.UidRegistry;
import org.lightbox.dicom.core.dict.UidType;
import org.lightbox.dicom.imageio.CodecOptions;
import org.lightbox.dicom.imageio.PixelCodecs;
import org.lightbox.dicom.imageio.Transcoder;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox transcode --ts NAME|UID IN OUT}: rewrites DICOM files in another transfer syntax, decoding and
 * encoding the pixel data frame by frame. IN and OUT are files, or folders (walked recursively, the tree mirrored
 * under OUT). A file that fails gets a one-line reason on the error stream; the others are still transcoded and
 * the exit status is then 1.
 */
@Component(service = Command.class)
public final class TranscodeCommand implements Command {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("explicit-le", UID.ExplicitVRLittleEndian), Map.entry("implicit-le", UID.ImplicitVRLittleEndian),
            Map.entry("explicit-be", UID.ExplicitVRBigEndian),
            Map.entry("deflated", UID.DeflatedExplicitVRLittleEndian), Map.entry("rle", UID.RLELossless),
            Map.entry("jpeg-lossless", UID.JPEGLosslessSV1), Map.entry("jpeg-lossless-14", UID.JPEGLossless),
            Map.entry("jpeg-baseline", UID.JPEGBaseline8Bit), Map.entry("jpeg-extended", UID.JPEGExtended12Bit),
            Map.entry("jpeg-ls", UID.JPEGLSLossless), Map.entry("jpeg-ls-near", UID.JPEGLSNearLossless));

    @Override
    public String name() {
        return "transcode";
    }

    @Override
    public String summary() {
        return "rewrite DICOM files in another transfer syntax (compress or decompress)";
    }

    @Override
    public String usage() {
        return "usage: lightbox transcode --ts NAME|UID [--quality Q] [--near N] [--keep-uid] IN OUT\n"
                + "  --ts         target transfer syntax: a UID, its registry name, or one of explicit-le,\n"
                + "               implicit-le, explicit-be, deflated, rle, jpeg-lossless (SV1), jpeg-lossless-14,\n"
                + "               jpeg-baseline, jpeg-extended, jpeg-ls, jpeg-ls-near\n"
                + "  --quality    lossy JPEG quality 1..100 (default 90)\n"
                + "  --near       JPEG-LS near-lossless maximum error (default 2)\n"
                + "  --keep-uid   keep the SOP Instance UID when compressing lossily (default: a new one)\n"
                + "  IN and OUT are files, or folders: IN is walked recursively and mirrored under OUT.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String ts = null;
        CodecOptions options = CodecOptions.DEFAULT;
        boolean keepUid = false;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--ts":
                    ts = value(args, ++i, a);
                    break;
                case "--quality":
                    options = options.withQuality(number(value(args, ++i, a), a, 1, 100));
                    break;
                case "--near":
                    options = options.withNearLossless(number(value(args, ++i, a), a, 0, 255));
                    break;
                case "--keep-uid":
                    keepUid = true;
                    break;
                default:
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option " + a);
                    }
                    paths.add(a);
            }
        }
        if (ts == null) {
            throw new UsageException("no target transfer syntax (--ts) given");
        }
        if (paths.size() != 2) {
            throw new UsageException("give one input and one output (file or folder)");
        }
        TransferSyntax target = resolve(ts);
        Path in = Path.of(paths.get(0));
        Path outPath = Path.of(paths.get(1));
        Transcoder transcoder = new Transcoder(options, !keepUid);
        List<Path[]> jobs = new ArrayList<>();
        if (Files.isDirectory(in)) {
            if (Files.exists(outPath) && !Files.isDirectory(outPath)) {
                throw new UsageException("input " + in + " is a folder, so the output must be a folder too");
            }
            try (Stream<Path> walk = Files.walk(in)) {
                walk.filter(Files::isRegularFile).sorted().forEach(f -> jobs.add(new Path[] { f,
                    outPath.resolve(in.relativize(f).toString()) }));
            }
        } else if (Files.isRegularFile(in)) {
            jobs.add(new Path[] { in, Files.isDirectory(outPath) ? outPath.resolve(in.getFileName()) : outPath });
        } else {
            err.println(in + ": no such file or folder");
            return 1;
        }
        int failed = 0;
        for (Path[] job : jobs) {
            try {
                Path parent = job[1].toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                transcoder.transcode(job[0], job[1], target);
            } catch (IOException | RuntimeException e) {
                err.println(job[0] + ": " + e.getMessage());
                failed++;
            }
        }
        out.println((jobs.size() - failed) + " file(s) transcoded to " + target.name()
                + (failed > 0 ? ", " + failed + " failed" : ""));
        return failed > 0 ? 1 : 0;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String s, String option, int min, int max) throws UsageException {
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a number from " + min + " to " + max + ", not '" + s + "'");
    }

    /** A transfer syntax from a UID, an alias or a registry name (case and spaces ignored). */
    static TransferSyntax resolve(String s) throws UsageException {
        String key = s.trim().toLowerCase(Locale.ROOT);
        String uid = ALIASES.get(key);
        if (uid == null && TransferSyntax.isRegistered(s.trim())) {
            uid = s.trim();
        }
        if (uid == null) {
            String squeezed = key.replaceAll("[^a-z0-9]", "");
            for (UidEntry e : UidRegistry.standard().ofType(UidType.TRANSFER_SYNTAX)) {
                if (e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").equals(squeezed)) {
                    uid = e.uid();
                }
            }
        }
        if (uid == null) {
            throw new UsageException("unknown transfer syntax '" + s + "'");
        }
        TransferSyntax ts = TransferSyntax.of(uid);
        if (ts.encapsulated() && PixelCodecs.forTransferSyntax(uid) == null) {
            throw new UsageException("no encoder for " + ts.name() + " (" + uid + ")");
        }
        return ts;
    }
}
