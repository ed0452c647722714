package org.lightbox.query.internal.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.core.Tag;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.query.transfer.RetrieveJob;

/** A queued retrieve survives its payload; a damaged payload is a clear error, never a crash or a huge allocation. */
class RetrievePayloadTest {
    private static final RetrieveJob JOB = new RetrieveJob(new RemoteAe("PACS", "10.0.0.9", 104, true, "archive")
            .withRetrieve(RetrieveMethod.GET), RetrieveRequest.series(InformationModel.PATIENT_ROOT, "P1", "1.2.3",
                    "1.2.3.4", "1.2.3.5"), "DOE, J: 2 series");

    @Test
    void aJobReadsBackWithItsSourceMethodLevelAndKeys() throws Exception {
        RetrieveJob back = RetrievePayload.decode(RetrievePayload.encode(JOB));
        assertEquals(JOB.source(), back.source());
        assertEquals(RetrieveMethod.GET, back.source().retrieve());
        assertEquals(InformationModel.PATIENT_ROOT, back.request().model());
        assertEquals(QueryLevel.SERIES, back.request().level());
        assertEquals("P1", back.request().identifier().getString(Tag.PatientID));
        assertEquals(Arrays.asList("1.2.3.4", "1.2.3.5"),
                Arrays.asList(back.request().identifier().getStrings(Tag.SeriesInstanceUID)));
    }

    @Test
    void aDamagedPayloadIsAClearError() throws Exception {
        byte[] good = RetrievePayload.encode(JOB);
        for (int n = 0; n < good.length; n++) { // every truncation
            byte[] cut = Arrays.copyOf(good, n);
            IOException e = assertThrows(IOException.class, () -> RetrievePayload.decode(cut), "length " + n);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "length " + n);
        }
        assertTrue(assertThrows(IOException.class, () -> RetrievePayload.decode("move 1.2.3".getBytes()))
                .getMessage().contains("not a retrieve payload"));
        // an identifier length far beyond the payload is refused before anything is allocated for it
        int at = good.length - lengthOfIdentifier(good) - 4;
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(at, Integer.MAX_VALUE);
        assertTrue(assertThrows(IOException.class, () -> RetrievePayload.decode(huge)).getMessage()
                .contains("identifier"));
    }

    /** The identifier is the payload's tail, after its 4-byte length. */
    private static int lengthOfIdentifier(byte[] payload) throws IOException {
        for (int at = 8; at + 4 <= payload.length; at++) {
            int n = ByteBuffer.wrap(payload).getInt(at);
            if (n > 0 && at + 4 + n == payload.length) {
                return n;
            }
        }
        throw new IOException("no identifier length found");
    }
}
