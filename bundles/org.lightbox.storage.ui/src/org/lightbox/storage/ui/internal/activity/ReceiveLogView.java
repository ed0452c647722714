package org.lightbox.storage.ui.internal.activity;

/** The Activity perspective's receive log. */
public final class ReceiveLogView extends LogView {

    public static final String ID = "org.lightbox.storage.ui.ReceiveLogView";

    public ReceiveLogView() {
        super(ReceiveLogTable::create);
    }
}
