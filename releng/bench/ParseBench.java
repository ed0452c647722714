import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomDump;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.core.io.ReadOptions;

/**
 * Header-only parse benchmark (see parse-bench.sh).
 * <pre>
 *   generate DIR N     write N small CT-like files (about 120 elements, a few sequences, 64x64 pixels)
 *   parse DIR          list DIR, parse every file header-only: a warm-up pass, then measured passes
 * </pre>
 */
public final class ParseBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate":
                generate(Path.of(args[1]), Integer.parseInt(args[2]));
                break;
            case "parse":
                parse(Path.of(args[1]), args.length > 2 && args[2].equals("--dump"));
                break;
            default:
                throw new IllegalArgumentException("usage: generate DIR N | parse DIR [--dump]");
        }
    }

    private static void generate(Path dir, int n) throws IOException {
        byte[] pixels = new byte[64 * 64 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        for (int i = 0; i < n; i++) {
            Path sub = dir.resolve(String.format("s%03d", i / 1000));
            Files.createDirectories(sub);
            String uid = "1.2.826.0.1.3680043.2.1143.8." + i;
            Attributes ds = ctHeader(i, uid);
            ds.setBytes(0x7FE00010, VR.OW, pixels);
            DicomWriter.writeFile(sub.resolve(String.format("ct%05d.dcm", i)),
                    FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.2", uid, "1.2.840.10008.1.2.1"), ds);
        }
    }

    /** Roughly the header of a CT slice from a modality: patient, study, series, equipment, image, VOI LUT. */
    private static Attributes ctHeader(int i, String uid) {
        Attributes ds = new Attributes(false, 160);
        ds.setString(0x00080005, VR.CS, "ISO_IR 100");
        ds.setString(0x00080008, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(0x00080012, VR.DA, "20240131");
        ds.setString(0x00080013, VR.TM, "101010.123");
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(0x00080018, VR.UI, uid);
        ds.setString(0x00080020, VR.DA, "20240131");
        ds.setString(0x00080021, VR.DA, "20240131");
        ds.setString(0x00080022, VR.DA, "20240131");
        ds.setString(0x00080023, VR.DA, "20240131");
        ds.setString(0x00080030, VR.TM, "100000");
        ds.setString(0x00080031, VR.TM, "100500");
        ds.setString(0x00080032, VR.TM, "100510.5");
        ds.setString(0x00080033, VR.TM, "100511");
        ds.setString(0x00080050, VR.SH, "ACC" + (i / 100));
        ds.setString(0x00080060, VR.CS, "CT");
        ds.setString(0x00080070, VR.LO, "Lightbox Medical Systems");
        ds.setString(0x00080080, VR.LO, "General Hospital");
        ds.setString(0x00080090, VR.PN, "Referring^Doctor");
        ds.setString(0x00081010, VR.SH, "CT01");
        ds.setString(0x00081030, VR.LO, "CT Chest with contrast");
        ds.setString(0x0008103E, VR.LO, "Axial 1.25mm");
        ds.setString(0x00081090, VR.LO, "Model X");
        Attributes code = ds.newSequence(0x00081032).addItem();
        code.setString(0x00080100, VR.SH, "CTCHEST");
        code.setString(0x00080102, VR.SH, "LOCAL");
        code.setString(0x00080104, VR.LO, "CT Chest");
        Sequence refs = ds.newSequence(0x00081140);
        for (int k = 0; k < 2; k++) {
            Attributes ref = refs.addItem();
            ref.setString(0x00081150, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
            ref.setString(0x00081155, VR.UI, "1.2.826.0.1.3680043.2.1143.8." + (i + k + 1));
        }
        ds.setString(0x00100010, VR.PN, "Müller^Jörg");
        ds.setString(0x00100020, VR.LO, "PID" + (i / 300));
        ds.setString(0x00100030, VR.DA, "19600101");
        ds.setString(0x00100040, VR.CS, "M");
        ds.setString(0x00101010, VR.AS, "064Y");
        ds.setString(0x00180015, VR.CS, "CHEST");
        ds.setString(0x00180050, VR.DS, "1.25");
        ds.setString(0x00180060, VR.DS, "120");
        ds.setString(0x00180090, VR.DS, "500");
        ds.setString(0x00181020, VR.LO, "1.0");
        ds.setString(0x00181100, VR.DS, "350");
        ds.setString(0x00181110, VR.DS, "949");
        ds.setString(0x00181111, VR.DS, "541");
        ds.setString(0x00181120, VR.DS, "0");
        ds.setString(0x00181130, VR.DS, "150");
        ds.setString(0x00181140, VR.CS, "CW");
        ds.setString(0x00181150, VR.IS, "500");
        ds.setString(0x00181151, VR.IS, "200");
        ds.setString(0x00181152, VR.IS, "100");
        ds.setString(0x00181160, VR.SH, "BODY");
        ds.setString(0x00181170, VR.IS, "24");
        ds.setString(0x00181190, VR.DS, "0.7");
        ds.setString(0x00181210, VR.SH, "STANDARD");
        ds.setString(0x00185100, VR.CS, "FFS");
        ds.setString(0x0020000D, VR.UI, "1.2.826.0.1.3680043.2.1143.1." + (i / 300));
        ds.setString(0x0020000E, VR.UI, "1.2.826.0.1.3680043.2.1143.2." + (i / 100));
        ds.setString(0x00200010, VR.SH, "S" + (i / 300));
        ds.setString(0x00200011, VR.IS, Integer.toString(i / 100));
        ds.setString(0x00200012, VR.IS, "1");
        ds.setString(0x00200013, VR.IS, Integer.toString(i % 100 + 1));
        ds.setString(0x00200032, VR.DS, "-175", "-175", Double.toString(-1.25 * (i % 100)));
        ds.setString(0x00200037, VR.DS, "1", "0", "0", "0", "1", "0");
        ds.setString(0x00200052, VR.UI, "1.2.826.0.1.3680043.2.1143.3." + (i / 300));
        ds.setString(0x00201040, VR.LO, "");
        ds.setString(0x00201041, VR.DS, Double.toString(-1.25 * (i % 100)));
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280010, VR.US, 64);
        ds.setInt(0x00280011, VR.US, 64);
        ds.setString(0x00280030, VR.DS, "0.683594", "0.683594");
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 12);
        ds.setInt(0x00280102, VR.US, 11);
        ds.setInt(0x00280103, VR.US, 0);
        ds.setString(0x00281050, VR.DS, "40", "400");
        ds.setString(0x00281051, VR.DS, "400", "1500");
        ds.setString(0x00281052, VR.DS, "-1024");
        ds.setString(0x00281053, VR.DS, "1");
        ds.setString(0x00281054, VR.LO, "HU");
        int creator = ds.reservePrivateTag("LIGHTBOX BENCH", 0x00090001);
        ds.setString(creator, VR.LO, "private value");
        ds.setBytes(ds.reservePrivateTag("LIGHTBOX BENCH", 0x00090002), VR.OB, new byte[64]);
        ds.setString(0x00321060, VR.LO, "CT Chest");
        ds.setString(0x00400244, VR.DA, "20240131");
        ds.setString(0x00400245, VR.TM, "100000");
        ds.setString(0x00400253, VR.SH, "PPS" + (i / 300));
        return ds;
    }

    private static void parse(Path dir, boolean dump) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
        ReadOptions headerOnly = ReadOptions.headerOnly();
        long check = pass(files, headerOnly, dump); // warm-up: JIT, page cache
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            check += pass(files, headerOnly, dump);
            best = Math.min(best, System.nanoTime() - t0);
        }
        double perSecond = files.size() / (best / 1e9);
        System.out.printf("lightbox header-only parse%s: %d files in %.3f s (best of 3): %.0f files/s, %.1f us/file"
                + " (checksum %d)%n", dump ? " + dump" : "", files.size(), best / 1e9, perSecond,
                best / 1e3 / files.size(), check);
        System.out.printf("RESULT %.0f%n", perSecond);
    }

    private static long pass(List<Path> files, ReadOptions options, boolean dump) throws IOException {
        long elements = 0;
        DicomDump dumper = dump ? new DicomDump() : null;
        StringBuilder sink = new StringBuilder(16384);
        for (Path f : files) {
            try (DicomReader r = new DicomReader(f, options)) {
                r.readFileMetaInformation();
                Attributes ds = r.readDataset();
                elements += ds.size();
                if (dumper != null) {
                    sink.setLength(0);
                    dumper.print(ds, true, sink);
                    elements += sink.length();
                }
            }
        }
        return elements;
    }
}
