package dev.fsview.fake.nio;

import dev.fsview.ViewClosedException;
import dev.fsview.fake.vfs.Vfs;

import java.io.IOException;

/** What a view's file system needs from its view: the process it acts as, and open/close. */
public interface ViewHandle {
    /** @return the view's process (namespace, root, cwd) */
    Vfs process();

    /**
     * Fails if the view is closed.
     *
     * @throws ViewClosedException if it is
     */
    void checkOpen() throws ViewClosedException;

    /** @return whether the view is open */
    boolean isOpen();

    /**
     * Closes the view.
     *
     * @throws IOException if tearing down failed
     */
    void close() throws IOException;

    /** @return the view's name for messages */
    String viewName();
}
