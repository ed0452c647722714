package org.lightbox.query.ui.internal.transfer;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.lightbox.catalog.CatalogException;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.storage.ui.BundleService;
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
            SendToDialog dialog = new SendToDialog(shell, remotes);
            if (dialog.open() != Window.OK || dialog.destination() == null) {
                return null;
            }
            SendRequest request = SendSelection.request(dialog.destination(), elements, dialog.commit());
            transfers.service().queue().submit(request, SendSelection.label(elements, request));
        } catch (IOException | CatalogException | IllegalStateException e) {
            MessageDialog.openError(shell, "Send to", "The send could not be queued: " + e.getMessage());
        }
        return null;
    }
}
