package org.lightbox.storage.ui.internal.activity;

/** The Activity perspective's association log. */
public final class AssociationLogView extends LogView {

    public static final String ID = "org.lightbox.storage.ui.AssociationLogView";

    public AssociationLogView() {
        super(AssociationLogTable::create);
    }
}
