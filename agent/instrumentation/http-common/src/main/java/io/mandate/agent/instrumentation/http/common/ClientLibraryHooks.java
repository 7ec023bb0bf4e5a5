package io.mandate.agent.instrumentation.http.common;

import io.mandate.agent.config.AgentConfig;
import io.mandate.agent.enforcement.VolumeMeter;
import io.mandate.agent.instrumentation.AgentServices;
import io.mandate.bootstrap.meter.ByteMeterDispatch;
import io.mandate.bootstrap.http.HttpDispatch;


/**
 * What a module instrumenting an HTTP client library (loaded by application class loaders) does at
 * install and uninstall: the shared HTTP enforcement behind the bridge, and the loaders that may get
 * advice calling the bridge ({@link BridgeLinkage}), forgotten at uninstall.
 */
public final class ClientLibraryHooks {
    private volatile BridgeLinkage linkage;

    /** Installs the HTTP enforcement of {@code services} and returns the loaders advice may go to. */
    public BridgeLinkage install(AgentServices services) {
        installShared(services);
        BridgeLinkage installed = new BridgeLinkage(HttpDispatch.class);
        linkage = installed;
        return installed;
    }

    /**
     * Installs what every HTTP module shares behind the bridges (each installs the same, so the order
     * does not matter): the request decisions and the response byte meter. Returns the meter.
     */
    public static ResponseByteMeter installShared(AgentServices services) {
        HttpDispatch.preload();
        ByteMeterDispatch.preload();
        AgentConfig config = services.config();
        HttpDispatch.install(new HttpEnforcement(services.enforcer(), services::internalError,
                new JournaledUrl(config == null ? null : config.journalQuery())));
        ResponseByteMeter meter = new ResponseByteMeter(new VolumeMeter(services.enforcer(), services::internalError));
        ByteMeterDispatch.install(ByteMeterDispatch.HTTP_RESPONSE, meter);
        return meter;
    }

    /** Undoes {@link #installShared}: dispatch of every HTTP module stops. */
    public static void uninstallShared() {
        HttpDispatch.uninstall();
        ByteMeterDispatch.uninstall(ByteMeterDispatch.HTTP_RESPONSE);
    }

    public void uninstall() {
        uninstallShared();
        BridgeLinkage installed = linkage;
        if (installed != null) {
            installed.forget();
        }
        linkage = null;
    }

}
