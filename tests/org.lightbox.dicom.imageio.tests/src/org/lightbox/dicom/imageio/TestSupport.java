package org.lightbox.dicom.imageio;

import java.io.IOException;
import java.nio.file.Path;

/** Test helpers made public for the tests in the internal packages (same fragment, other packages). */
public final class TestSupport {

    private TestSupport() {
    }

    public static int firstDifference(FrameBuffer a, FrameBuffer b) {
        return TestImages.firstDifference(a, b);
    }

    public static Path writeEncapsulated(Path file, FrameFormat f, String tsUid, byte[]... frames) throws IOException {
        return TestImages.writeEncapsulated(file, f, tsUid, frames);
    }

    /** Decodes {@code file} with a dcmtk tool and asserts the stored values equal {@code expected}. */
    public static void assertDcmtkDecodes(String tool, Path file, Path out, FrameBuffer... expected)
            throws IOException, InterruptedException {
        Oracle.assertSameValues(expected, Oracle.dcmtk(tool, file, out));
    }
}
