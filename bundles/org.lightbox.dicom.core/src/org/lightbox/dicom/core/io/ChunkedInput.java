package org.lightbox.dicom.core.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An input that already holds its bytes in buffers of its own (a network data set arriving PDV by PDV) and can hand
 * them on where they lie: a copier moves a large value with one copy instead of two.
 */
public interface ChunkedInput {

    /**
     * Writes up to {@code max} bytes to {@code out}, chunk by chunk as they arrive.
     *
     * @return the bytes written: {@code max}, or fewer only when the input ended
     */
    long transferTo(OutputStream out, long max) throws IOException;
}
