package org.lightbox.app.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Finds widgets in a shell's tree by type and condition: the small part of SWTBot (not served to us) that our
 * workbench tests need. Call on the UI thread.
 */
final class WidgetFinder {

    private WidgetFinder() {
    }

    static <T extends Control> List<T> findAll(Composite root, Class<T> type, Predicate<? super T> condition) {
        List<T> found = new ArrayList<>();
        collect(root, type, condition, found);
        return found;
    }

    static <T extends Control> T find(Composite root, Class<T> type, Predicate<? super T> condition) {
        List<T> all = findAll(root, type, condition);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " matching the condition under " + root);
        }
        return all.get(0);
    }

    private static <T extends Control> void collect(Control control, Class<T> type, Predicate<? super T> condition,
            List<T> found) {
        if (type.isInstance(control) && condition.test(type.cast(control))) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, condition, found);
            }
        }
    }

    /** The open shell whose title is {@code title}, waiting (while dispatching events) up to a few seconds. */
    static Shell shell(String title) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                    return s;
                }
            }
            if (!display.readAndDispatch()) {
                pause();
            }
        }
        throw new AssertionError("no shell titled '" + title + "'");
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a shell", e);
        }
    }

    /** Lets queued UI work (layout, deferred rendering) run. */
    static void flush() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // drain
        }
    }
}
