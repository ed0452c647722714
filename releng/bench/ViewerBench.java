import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.viewer.ImageCanvas;

/**
 * Viewer benchmark (issue 6): time from opening a 512x512x16 CT series to its first image painted, and images per
 * second stepping through every slice, each decoded, rendered by the canvas's worker and painted into an offscreen
 * image. Run by viewer-bench.sh under Xvfb. Usage: ViewerBench generate DIR SLICES | ViewerBench run DIR
 */
public class ViewerBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            run(Path.of(args[1]));
        }
    }

    static void generate(Path dir, int slices) throws Exception {
        Files.createDirectories(dir);
        int n = 512;
        for (int s = 0; s < slices; s++) {
            Attributes a = new Attributes();
            String uid = "2.25.777000" + s;
            a.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
            a.setString(Tag.SOPInstanceUID, VR.UI, uid);
            a.setString(Tag.Modality, VR.CS, "CT");
            a.setString(Tag.PatientName, VR.PN, "Bench^Patient");
            a.setString(Tag.PatientID, VR.LO, "BENCH");
            a.setString(Tag.StudyDate, VR.DA, "20240101");
            a.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.777");
            a.setString(Tag.SeriesNumber, VR.IS, "1");
            a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(s + 1));
            a.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
            a.setDouble(Tag.ImagePositionPatient, VR.DS, -250, -250, s * 1.25);
            a.setString(Tag.PixelSpacing, VR.DS, "0.9765625", "0.9765625");
            a.setInt(Tag.SamplesPerPixel, VR.US, 1);
            a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            a.setInt(Tag.Rows, VR.US, n);
            a.setInt(Tag.Columns, VR.US, n);
            a.setInt(Tag.BitsAllocated, VR.US, 16);
            a.setInt(Tag.BitsStored, VR.US, 16);
            a.setInt(Tag.HighBit, VR.US, 15);
            a.setInt(Tag.PixelRepresentation, VR.US, 1);
            a.setString(Tag.RescaleIntercept, VR.DS, "-1024");
            a.setString(Tag.RescaleSlope, VR.DS, "1");
            a.setString(Tag.WindowCenter, VR.DS, "40");
            a.setString(Tag.WindowWidth, VR.DS, "400");
            byte[] px = new byte[n * n * 2];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r = Math.hypot(x - 256, y - 256);
                    int v = r > 240 ? -1000 : (int) (1024 + 60 * Math.sin(x * 0.05 + s * 0.1) + 40 * Math.cos(y * 0.07));
                    int i = 2 * (y * n + x);
                    px[i] = (byte) v;
                    px[i + 1] = (byte) (v >> 8);
                }
            }
            a.setBytes(Tag.PixelData, VR.OW, px);
            DicomWriter.writeFile(dir.resolve(String.format("ct%04d.dcm", s)),
                    FileMetaInformation.create(a.getString(Tag.SOPClassUID), uid, UID.ExplicitVRLittleEndian), a);
        }
    }

    static void run(Path dir) throws Exception {
        Display display = Display.getDefault();
        Shell shell = new Shell(display, SWT.NO_TRIM);
        shell.setLayout(new FillLayout());
        shell.setBounds(0, 0, 800, 800);
        shell.open();
        ImageCanvas canvas = null;
        double firstCold = 0;
        double bestWarm = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            if (canvas != null) {
                canvas.dispose();
            }
            canvas = new ImageCanvas(shell, SWT.NONE);
            shell.layout();
            dispatch(display);
            int[] paints = { 0 };
            ImageCanvas c = canvas;
            c.addPaintListener(e -> {
                if (c.shownFrame() != null) {
                    paints[0]++;
                }
            });
            long t0 = System.nanoTime();
            canvas.open(List.of(dir));
            while (paints[0] == 0) {
                if (!display.readAndDispatch()) {
                    Thread.sleep(0, 200_000);
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (round == 0) {
                firstCold = ms;
            } else {
                bestWarm = Math.min(bestWarm, ms);
            }
        }
        int slices = canvas.stack().size();
        System.out.printf("series: %d slices of 512x512x16 in %s%n", slices, dir);
        System.out.printf("first image painted after opening: %.0f ms (cold JVM), %.0f ms (warm, best of 5)%n",
                firstCold, bestWarm);

        Image offscreen = new Image(display, 800, 800);
        for (int round = 0; round < 2; round++) {
            canvas.stack().first();
            waitIdle(display, canvas);
            long t0 = System.nanoTime();
            for (int i = 1; i < slices; i++) {
                canvas.step(1);
                waitIdle(display, canvas);
                GC gc = new GC(offscreen);
                canvas.print(gc);
                gc.dispose();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("stepping (%s): %d images in %.2f s = %.0f images/s (goal: at least 30)%n",
                    round == 0 ? "first pass" : "second pass", slices - 1, s, (slices - 1) / s);
        }
        offscreen.dispose();
        shell.dispose();
    }

    private static void waitIdle(Display display, ImageCanvas canvas) throws InterruptedException {
        while (!canvas.isIdle()) {
            if (!display.readAndDispatch()) {
                Thread.sleep(0, 200_000);
            }
        }
    }

    private static void dispatch(Display display) {
        while (display.readAndDispatch()) {
            // drain
        }
    }
}
