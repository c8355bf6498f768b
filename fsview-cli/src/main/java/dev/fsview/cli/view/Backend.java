package dev.fsview.cli.view;

/** Which backend opens the view: {@code --backend auto|linux|fake}. */
public enum Backend {
    /** linux when it is available here, else fake (saying so). */
    AUTO,
    /** The real backend: mount namespaces, needs CAP_SYS_ADMIN. */
    LINUX,
    /** The in-memory backend: the root and volumes are loaded into memory; writes stay there. */
    FAKE
}
