package org.lightbox.catalog;

/**
 * What the start-up recovery scan mended.
 *
 * @param fullScan          false when the store was closed cleanly and only temporary files were looked at
 * @param tempFilesDeleted  unfinished receptions removed
 * @param rowsRemoved       catalog rows whose file was missing or truncated (logged in the deletion log)
 * @param filesIndexed      files without catalog rows, indexed again
 * @param filesQuarantined  unreadable files moved to the quarantine folder
 * @param staleFilesDeleted files without rows whose SOP Instance UID is stored and whose duplicate policy is
 *                          REJECT or REPLACE: left over from a refused or replaced copy
 */
public record RecoveryReport(boolean fullScan, int tempFilesDeleted, int rowsRemoved, int filesIndexed,
        int filesQuarantined, int staleFilesDeleted) {
}
