package io.runnel.state;

import java.nio.file.Path;

/**
 * A persistent store's files cannot be opened because they are damaged. The local files are only a cache of the
 * store's changelog: delete {@link #directory()} (or call {@link StateManager#wipeStore}) and the store is rebuilt
 * from its changelog on the next start.
 */
public class CorruptStateStoreException extends ProcessorStateException {
    private static final long serialVersionUID = 1L;

    private final String storeName;
    private final String directory;

    public CorruptStateStoreException(String storeName, Path directory, Throwable cause) {
        super(
                "State store '" + storeName + "' cannot be opened: its directory " + directory
                        + " is corrupt (" + cause.getMessage()
                        + "). The local state is a copy of the store's changelog:"
                        + " wipe the directory (StateManager.wipeStore) and the store will be restored from its"
                        + " changelog on the next start.",
                cause);
        this.storeName = storeName;
        this.directory = directory.toString();
    }

    public String storeName() {
        return storeName;
    }

    public Path directory() {
        return Path.of(directory);
    }
}
