package org.lightbox.storage.ui;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * One OSGi service held by a view, handler or preference page (of any Lightbox bundle) while it needs it: got from
 * the context of the bundle that uses it, released by {@link #close()}. Views are created by the extension
 * registry, which cannot hand them services, so they ask the framework themselves (no static locator: each user
 * holds and releases its own reference).
 */
public final class BundleService<S> implements AutoCloseable {

    private final BundleContext context;
    private final ServiceReference<S> reference;
    private final S service;

    private BundleService(BundleContext context, ServiceReference<S> reference, S service) {
        this.context = context;
        this.reference = reference;
        this.service = service;
    }

    /**
     * The service of {@code type}, seen from the bundle of {@code user}.
     *
     * @throws IllegalStateException saying why when there is none (not in OSGi, bundle not started, no provider)
     */
    public static <S> BundleService<S> get(Class<?> user, Class<S> type) {
        Bundle bundle = FrameworkUtil.getBundle(user);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("the " + type.getSimpleName() + " service is not available: "
                    + (bundle == null ? "not running in an OSGi framework" : bundle.getSymbolicName()
                            + " is not started"));
        }
        ServiceReference<S> ref = context.getServiceReference(type);
        S s = ref == null ? null : context.getService(ref);
        if (s == null) {
            throw new IllegalStateException("the " + type.getSimpleName() + " service is not available; is "
                    + "Declarative Services (org.apache.felix.scr) running and the providing bundle resolved?");
        }
        return new BundleService<>(context, ref, s);
    }

    public S service() {
        return service;
    }

    @Override
    public void close() {
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            // the bundle stopped first; the framework released the service already
        }
    }
}
