package dev.fsview.spi.nio;

import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;

/** A view file system with path arithmetic only, for testing {@link ViewPath} and globs. */
final class PathOnlyFileSystem extends AbstractViewFileSystem {
    String cwd = "/home/user";

    @Override
    public String currentDirectory() {
        return cwd;
    }

    @Override
    public Path toRealPath(ViewPath path, LinkOption... options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public URI toUri(ViewPath absolute) {
        return URI.create("fsview-test://view" + absolute);
    }

    @Override
    public FileSystemProvider provider() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }
}
