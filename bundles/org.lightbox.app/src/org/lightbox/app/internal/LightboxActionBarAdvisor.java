package org.lightbox.app.internal;

import org.eclipse.jface.action.ICoolBarManager;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarContributionItem;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * The area buttons, and the File, Window and Help menus. Each keeps an {@code additions} group so area bundles can contribute commands
 * with {@code org.eclipse.ui.menus} without touching this class.
 */
public class LightboxActionBarAdvisor extends ActionBarAdvisor {

    private IWorkbenchAction quit;
    private IWorkbenchAction preferences;
    private IWorkbenchAction resetPerspective;
    private AboutAction about;
    private AreaSwitcher areas;

    public LightboxActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        quit = ActionFactory.QUIT.create(window);
        preferences = ActionFactory.PREFERENCES.create(window);
        resetPerspective = ActionFactory.RESET_PERSPECTIVE.create(window);
        about = new AboutAction(window);
        areas = new AreaSwitcher(window);
        // registered actions are disposed with the window and get their key bindings
        register(quit);
        register(preferences);
        register(resetPerspective);
        register(about);
    }

    @Override
    protected void fillCoolBar(ICoolBarManager coolBar) {
        ToolBarManager toolBar = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        areas.fill(toolBar);
        coolBar.add(new ToolBarContributionItem(toolBar, AreaSwitcher.TOOLBAR_ID));
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(quit);

        MenuManager window = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager open = new MenuManager("&Open Perspective", "openPerspective");
        open.add(ContributionItemFactory.PERSPECTIVES_SHORTLIST.create(getActionBarConfigurer().getWindowConfigurer()
                .getWindow()));
        window.add(open);
        window.add(resetPerspective);
        window.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        window.add(new Separator());
        window.add(preferences);

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        help.add(about);

        menuBar.add(file);
        menuBar.add(window);
        menuBar.add(help);
    }
}
