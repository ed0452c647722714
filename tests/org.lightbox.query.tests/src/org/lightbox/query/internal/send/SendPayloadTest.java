package org.lightbox.query.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;

class SendPayloadTest {

    private static final SendRequest RQ = new SendRequest(new RemoteAe("PACS", "pacs.example", 104, true, "Ärztehaus"),
            "ME", List.of("1.2.3", "1.2.4"), List.of("1.2.3.1"), List.of(), true);

    @Test
    void aRequestReadsBackEqual() throws Exception {
        assertEquals(RQ, SendPayload.decode(SendPayload.encode(RQ)));
        SendRequest plain = SendRequest.ofSeries(new RemoteAe("X", "h", 11112, false, null), List.of("9.8"));
        assertEquals(plain, SendPayload.decode(SendPayload.encode(plain)));
    }

    @Test
    void aDamagedPayloadIsAClearErrorNeverAHugeAllocation() {
        byte[] good = SendPayload.encode(RQ);
        IOException truncated = assertThrows(IOException.class,
                () -> SendPayload.decode(Arrays.copyOf(good, good.length - 3)));
        assertTrue(truncated.getMessage().contains("truncated") || truncated.getMessage().contains("bad count"),
                truncated.getMessage());
        assertThrows(IOException.class, () -> SendPayload.decode("study=1.2.3".getBytes()));
        byte[] hugeCount = good.clone();
        // the count of study UIDs follows the fixed part: find it by encoding a request without destination text
        int at = indexOfCount(good, 2);
        hugeCount[at] = 0x7F;
        IOException bad = assertThrows(IOException.class, () -> SendPayload.decode(hugeCount));
        assertTrue(bad.getMessage().contains("bad count"), bad.getMessage());
        byte[] newer = good.clone();
        newer[7] = 9; // version 9
        assertTrue(assertThrows(IOException.class, () -> SendPayload.decode(newer)).getMessage().contains("version 9"));
    }

    /** The offset of the first int with value {@code n} after the header: the study count of {@link #RQ}. */
    private static int indexOfCount(byte[] b, int n) {
        for (int i = 8; i + 3 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == n) {
                return i;
            }
        }
        throw new IllegalStateException("no count " + n);
    }
}
