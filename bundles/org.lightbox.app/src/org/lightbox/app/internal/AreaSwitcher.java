package org.lightbox.app.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PerspectiveAdapter;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.statushandlers.StatusManager;
import org.lightbox.app.Perspectives;

/**
 * The row of area buttons (Local Studies, Remote, ...) at the top of the window: one click to change area, and the
 * current area always visible, which the platform's perspective bar does not offer for perspectives not yet
 * opened.
 */
final class AreaSwitcher {

    /** Id of the tool bar contribution, for tests and for bundles that add to it. */
    static final String TOOLBAR_ID = "org.lightbox.app.areas";

    private final IWorkbenchWindow window;
    private final List<IAction> actions = new ArrayList<>();

    AreaSwitcher(IWorkbenchWindow window) {
        this.window = window;
        for (String id : Perspectives.ALL) {
            IPerspectiveDescriptor d = window.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(id);
            if (d != null) {
                actions.add(new ShowArea(d));
            }
        }
        window.addPerspectiveListener(new PerspectiveAdapter() {
            @Override
            public void perspectiveActivated(IWorkbenchPage page, IPerspectiveDescriptor perspective) {
                select(perspective.getId());
            }
        });
    }

    void fill(ToolBarManager toolBar) {
        for (IAction a : actions) {
            ActionContributionItem item = new ActionContributionItem(a);
            item.setMode(ActionContributionItem.MODE_FORCE_TEXT); // tool items otherwise hide text beside icons
            toolBar.add(item);
        }
    }

    private void select(String perspectiveId) {
        for (IAction a : actions) {
            a.setChecked(a.getId().equals(perspectiveId));
        }
    }

    private final class ShowArea extends Action {
        ShowArea(IPerspectiveDescriptor perspective) {
            // ActionContributionItem strips one level of mnemonic escapes and GTK tool items another, so a literal
            // '&' in a label must reach the action doubled twice
            super(perspective.getLabel().replace("&", "&&&&"), IAction.AS_RADIO_BUTTON);
            setId(perspective.getId());
            setImageDescriptor(perspective.getImageDescriptor());
            setToolTipText("Show the " + perspective.getLabel() + " area");
        }

        @Override
        public void run() {
            if (!isChecked()) {
                return; // radio actions also run when they are unchecked
            }
            try {
                window.getWorkbench().showPerspective(getId(), window);
            } catch (WorkbenchException e) {
                StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
            }
        }
    }
}
