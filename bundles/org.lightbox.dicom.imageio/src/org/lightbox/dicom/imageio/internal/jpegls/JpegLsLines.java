package org.lightbox.dicom.imageio.internal.jpegls;

import java.util.Arrays;

/**
 * The previous and the current line of each component, as encoder and decoder keep them: with one extra sample on
 * each side (index 0 and width + 1) so that the neighbours Ra, Rb, Rc, Rd of T.87 A.2.1 need no edge tests.
 */
final class JpegLsLines {

    final int[][] prev;
    final int[][] cur;

    JpegLsLines(int components, int width) {
        prev = new int[components][width + 2];
        cur = new int[components][width + 2];
    }

    /** A scan or restart interval starts with an all-zero line above (T.87 A.2.1). */
    void clear(int components) {
        for (int i = 0; i < components; i++) {
            Arrays.fill(prev[i], 0);
            Arrays.fill(cur[i], 0);
        }
    }

    /** After line {@code i} is done: it becomes the line above, and its old buffer is reused. */
    void advance(int i) {
        int[] t = prev[i];
        prev[i] = cur[i];
        cur[i] = t;
    }
}
