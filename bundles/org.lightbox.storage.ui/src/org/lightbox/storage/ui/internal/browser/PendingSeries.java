package org.lightbox.storage.ui.internal.browser;

/** The placeholder child of a study whose series are being read. */
record PendingSeries(String studyUid) {
}
