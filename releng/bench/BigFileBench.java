import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * Large multi-frame file benchmark (see bigfile-bench.sh).
 * <pre>
 *   generate FILE FRAMES   write a 512x512 16-bit multi-frame CT, frame by frame (never all in memory)
 *   read FILE              open it, read its header, report heap used and bytes read
 * </pre>
 */
public final class BigFileBench {

    private static final int ROWS = 512;
    private static final int COLUMNS = 512;
    private static final int PIXEL_DATA = 0x7FE00010;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            read(Path.of(args[1]));
        }
    }

    private static void generate(Path file, int frames) throws IOException {
        String uid = "1.2.826.0.1.3680043.2.1143.9.1";
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.2.1");
        ds.setString(0x00080018, VR.UI, uid);
        ds.setString(0x00080060, VR.CS, "CT");
        ds.setString(0x00100010, VR.PN, "Big^Multiframe");
        ds.setString(0x00280008, VR.IS, Integer.toString(frames));
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280010, VR.US, ROWS);
        ds.setInt(0x00280011, VR.US, COLUMNS);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 12);
        ds.setInt(0x00280102, VR.US, 11);
        ds.setInt(0x00280103, VR.US, 0);
        long pixelBytes = (long) frames * ROWS * COLUMNS * 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            DicomWriter w = new DicomWriter(out);
            w.writeFileMetaInformation(FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.2.1", uid,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
            w.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            w.flush();
            // the pixel data element last: header, then the frames as they are produced
            byte[] header = { (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0, (byte) pixelBytes,
                    (byte) (pixelBytes >>> 8), (byte) (pixelBytes >>> 16), (byte) (pixelBytes >>> 24) };
            out.write(header);
            byte[] frame = new byte[ROWS * COLUMNS * 2];
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < frame.length; i += 2) {
                    frame[i] = (byte) (i + f);
                    frame[i + 1] = (byte) ((i >>> 8) & 0x0F);
                }
                out.write(frame);
            }
        }
    }

    private static void read(Path file) throws IOException {
        long size = Files.size(file);
        System.gc();
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        Attributes ds;
        long bytesRead;
        try (DicomReader reader = new DicomReader(file)) {
            reader.readFileMetaInformation();
            ds = reader.readDataset();
            bytesRead = reader.bytesRead();
        }
        long t1 = System.nanoTime();
        long heapAfter = usedHeap();
        // again, now that every class is loaded: what the process reads is then the parser's reads alone
        long rcharBefore = rchar();
        try (DicomReader reader = new DicomReader(file)) {
            reader.readFileMetaInformation();
            reader.readDataset();
        }
        long rcharAfter = rchar();
        BulkDataReference ref = ds.getBulkDataReference(PIXEL_DATA);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("file: %s, %.1f MB, %d frames of %dx%d%n", file, size / 1e6,
                ds.getInt(0x00280008, 0), ds.getInt(0x00280010, 0), ds.getInt(0x00280011, 0));
        System.out.printf("header read in %.2f ms; pixel data left in the file: offset %d, length %d%n",
                (t1 - t0) / 1e6, ref.offset(), ref.length());
        System.out.printf("bytes read by the parser: %d (%.4f%% of the file)%n", bytesRead, 100.0 * bytesRead / size);
        if (rcharBefore >= 0) {
            System.out.printf("bytes read by the process during a second parse (/proc/self/io rchar): %d%n",
                    rcharAfter - rcharBefore);
        }
        System.out.printf("heap used: %.1f MB before, %.1f MB after the parse; peak heap of the JVM %.1f MB"
                + " (max heap %.0f MB)%n", heapBefore / 1e6, heapAfter / 1e6, peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        if (bytesRead > (1 << 20) || ref.length() != size - ref.offset()) {
            System.out.println("FAIL: pixel bytes were read");
            System.exit(1);
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Characters read by this process so far (Linux), or -1. */
    private static long rchar() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
