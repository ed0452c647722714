package org.lightbox.config;

import java.util.List;
import java.util.Optional;

/**
 * The configuration the node and the client share, shaped like the standard's own model (PS3.15 Annex H): this
 * device with its application entity and network connection, the remote AEs it knows, and how the node stores
 * what it receives.
 */
public record DeviceConfiguration(String deviceName, NodeSettings node, List<RemoteAe> remoteAes,
        StorageSettings storage, TlsSettings tls) {

    public static final DeviceConfiguration DEFAULTS = new DeviceConfiguration("lightbox", NodeSettings.DEFAULTS,
            List.of(), StorageSettings.DEFAULTS, TlsSettings.NONE);

    public DeviceConfiguration {
        deviceName = deviceName == null || deviceName.isBlank() ? "lightbox" : deviceName.strip();
        if (node == null) {
            throw new IllegalArgumentException("the device needs node settings");
        }
        remoteAes = List.copyOf(remoteAes);
        storage = storage == null ? StorageSettings.DEFAULTS : storage;
        tls = tls == null ? TlsSettings.NONE : tls;
        for (int i = 0; i < remoteAes.size(); i++) {
            for (int j = i + 1; j < remoteAes.size(); j++) {
                if (remoteAes.get(i).aeTitle().equals(remoteAes.get(j).aeTitle())) {
                    throw new IllegalArgumentException("remote AE " + remoteAes.get(i).aeTitle() + " is listed twice");
                }
            }
        }
    }

    /** Without TLS. */
    public DeviceConfiguration(String deviceName, NodeSettings node, List<RemoteAe> remoteAes,
            StorageSettings storage) {
        this(deviceName, node, remoteAes, storage, TlsSettings.NONE);
    }

    /** With the default storage settings, without TLS. */
    public DeviceConfiguration(String deviceName, NodeSettings node, List<RemoteAe> remoteAes) {
        this(deviceName, node, remoteAes, StorageSettings.DEFAULTS);
    }

    /** The remote AE with this title (AE titles are case-sensitive, spaces at the ends are not significant). */
    public Optional<RemoteAe> remoteAe(String aeTitle) {
        String t = aeTitle == null ? "" : aeTitle.strip();
        return remoteAes.stream().filter(r -> r.aeTitle().equals(t)).findFirst();
    }

    public DeviceConfiguration withNode(NodeSettings settings) {
        return new DeviceConfiguration(deviceName, settings, remoteAes, storage, tls);
    }

    public DeviceConfiguration withRemoteAes(List<RemoteAe> remotes) {
        return new DeviceConfiguration(deviceName, node, remotes, storage, tls);
    }

    public DeviceConfiguration withStorage(StorageSettings settings) {
        return new DeviceConfiguration(deviceName, node, remoteAes, settings, tls);
    }

    public DeviceConfiguration withTls(TlsSettings settings) {
        return new DeviceConfiguration(deviceName, node, remoteAes, storage, settings);
    }
}
