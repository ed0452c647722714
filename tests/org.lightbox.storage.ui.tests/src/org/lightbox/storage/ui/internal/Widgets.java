package org.lightbox.storage.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

/** Finds widgets in a tree by type and condition (the part of SWTBot these tests need). */
public final class Widgets {

    private Widgets() {
    }

    public static <T extends Control> List<T> findAll(Control root, Class<T> type, Predicate<? super T> condition) {
        List<T> found = new ArrayList<>();
        collect(root, type, condition, found);
        return found;
    }

    public static <T extends Control> T find(Control root, Class<T> type, Predicate<? super T> condition) {
        List<T> all = findAll(root, type, condition);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " matching the condition under " + root);
        }
        return all.get(0);
    }

    /** The text field showing {@code hint} when empty. */
    public static Text text(Control root, String hint) {
        return find(root, Text.class, t -> hint.equals(t.getMessage()));
    }

    private static <T extends Control> void collect(Control c, Class<T> type, Predicate<? super T> condition,
            List<T> found) {
        if (type.isInstance(c) && condition.test(type.cast(c))) {
            found.add(type.cast(c));
        }
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, condition, found);
            }
        }
    }
}
