package org.lightbox.catalog;

import java.util.List;

/**
 * What one auto-delete run did.
 *
 * @param deleted        the studies deleted, in order
 * @param skipped        candidates left alone because they were in use (pinned or being deleted)
 * @param usedBytesAfter the store's size afterwards
 * @param freeBytesAfter the free disk space afterwards
 */
public record AutoDeleteReport(List<DeletedStudy> deleted, List<String> skipped, long usedBytesAfter,
        long freeBytesAfter) {

    public AutoDeleteReport {
        deleted = List.copyOf(deleted);
        skipped = List.copyOf(skipped);
    }
}
