package org.lightbox.query.ui.internal.transfer;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.lightbox.catalog.CatalogException;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.query.ui.internal.BundleService;
import org.lightbox.query.transfer.LocalTransferQueue;

/**
 * "Send to...": asks for a configured remote AE and queues a C-STORE send of the selected local studies and series
 * (see {@link SendSelection}); the Transfers view shows its progress.
 */
public final class SendToHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IStructuredSelection sel = HandlerUtil.getCurrentStructuredSelection(event);
        List<?> elements = sel.toList();
        Shell shell = HandlerUtil.getActiveShell(event);
        if (!SendSelection.sendable(elements)) {
            MessageDialog.openInformation(shell, "Send to", "Select local studies or series to send.");
            return null;
        }
        try (BundleService<LocalTransferQueue> transfers = BundleService.get(SendToHandler.class,
                LocalTransferQueue.class)) {
            List<RemoteAe> remotes = transfers.service().node().configuration().remoteAes();
            if (remotes.isEmpty()) {
                MessageDialog.openInformation(shell, "Send to", "No remote AE is configured: add one in "
                        + "Preferences > Lightbox > Remote AEs.");
                return null;
            }
            ElementListSelectionDialog dialog = new ElementListSelectionDialog(shell, new LabelProvider() {
                @Override
                public String getText(Object element) {
                    RemoteAe r = (RemoteAe) element;
                    return r.aeTitle() + " (" + r.host() + ":" + r.port() + ")"
                            + (r.description() == null || r.description().isEmpty() ? "" : " - " + r.description());
                }
            });
            dialog.setTitle("Send to");
            dialog.setMessage("Send the selection to:");
            dialog.setElements(remotes.toArray());
            dialog.setMultipleSelection(false);
            if (dialog.open() != Window.OK || dialog.getFirstResult() == null) {
                return null;
            }
            SendRequest request = SendSelection.request((RemoteAe) dialog.getFirstResult(), elements, false);
            transfers.service().queue().submit(request);
        } catch (IOException | CatalogException | IllegalStateException e) {
            MessageDialog.openError(shell, "Send to", "The send could not be queued: " + e.getMessage());
        }
        return null;
    }
}
