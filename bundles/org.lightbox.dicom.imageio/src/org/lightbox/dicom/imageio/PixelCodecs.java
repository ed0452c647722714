package org.lightbox.dicom.imageio;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.internal.jpeg.JpegDctCodec;
import org.lightbox.dicom.imageio.internal.jpeg.JpegLosslessCodec;
import org.lightbox.dicom.imageio.internal.jpeg2000.J2kCodec;
import org.lightbox.dicom.imageio.internal.jpegls.JpegLsCodec;
import org.lightbox.dicom.imageio.internal.rle.RleCodec;

/** The built-in codecs, by transfer syntax UID: a fixed table of what this bundle implements. */
public final class PixelCodecs {

    private static final List<PixelCodec> ALL = List.of(new RleCodec(), new JpegLosslessCodec(UID.JPEGLosslessSV1),
            new JpegLosslessCodec(UID.JPEGLossless), new JpegLsCodec(UID.JPEGLSLossless),
            new JpegLsCodec(UID.JPEGLSNearLossless), new JpegDctCodec(UID.JPEGBaseline8Bit),
            new JpegDctCodec(UID.JPEGExtended12Bit), new J2kCodec(UID.JPEG2000Lossless), new J2kCodec(UID.JPEG2000));

    private static final Map<String, PixelCodec> BY_UID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(PixelCodec::transferSyntaxUID, Function.identity()));

    private PixelCodecs() {
    }

    /** The codec of a compressed transfer syntax, or {@code null} when there is none. */
    public static PixelCodec forTransferSyntax(String uid) {
        return BY_UID.get(uid);
    }

    /** All codecs, in no particular order. */
    public static List<PixelCodec> all() {
        return ALL;
    }
}
