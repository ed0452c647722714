package org.lightbox.catalog;

/** How a receive or send ended, by the DIMSE status class. */
public enum TransferOutcome {
    SUCCESS, WARNING, FAILURE
}
