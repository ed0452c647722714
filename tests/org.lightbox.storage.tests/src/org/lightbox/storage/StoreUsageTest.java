package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The store line's wording and units. */
class StoreUsageTest {

    @Test
    void sizesReadAsPeopleReadThem() {
        assertEquals("0 bytes", StoreUsage.size(0));
        assertEquals("999 bytes", StoreUsage.size(999));
        assertEquals("1.5 kB", StoreUsage.size(1_500));
        assertEquals("525.0 MB", StoreUsage.size(525_000_000));
        assertEquals("2.5 GB", StoreUsage.size(2_500_000_000L));
        assertEquals("3000.0 TB", StoreUsage.size(3_000_000_000_000_000L));
    }

    @Test
    void saysWhetherAutoDeleteIsOn() {
        assertEquals("1.2 GB in the store, 98.5 GB free on disk",
                new StoreUsage(1_200_000_000L, 98_500_000_000L, false).toString());
        assertEquals("0 bytes in the store, 2.0 MB free on disk; auto-delete on",
                new StoreUsage(0, 2_000_000, true).toString());
    }
}
