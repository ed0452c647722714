/**
 * The durable transfer queue: sends (C-STORE, with storage commitment) and, through further
 * {@link org.lightbox.query.transfer.TransferHandler}s, retrieves run as jobs kept in the catalog, with progress,
 * pause, cancel, retry with backoff and per-instance outcomes. Start at
 * {@link org.lightbox.query.transfer.TransferQueue}.
 */
package org.lightbox.query.transfer;
