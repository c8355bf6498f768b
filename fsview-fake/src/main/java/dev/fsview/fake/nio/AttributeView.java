package dev.fsview.fake.nio;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The {@code basic}, {@code posix} and {@code owner} attribute views of one path: lazy, as the
 * JDK's are (nothing is read until asked).
 */
final class AttributeView implements PosixFileAttributeView {
    private final String name;
    private final Attributes attributes;
    private final Path path;
    private final boolean follow;

    AttributeView(String name, Attributes attributes, Path path, boolean follow) {
        this.name = name;
        this.attributes = attributes;
        this.path = path;
        this.follow = follow;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PosixFileAttributes readAttributes() throws IOException {
        return attributes.readForView(path, follow);
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
            throws IOException {
        attributes.setTimes(path, follow, lastModifiedTime, lastAccessTime);
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
        attributes.setMode(path, follow, FakeAttributes.mode(perms));
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
        attributes.setGroup(path, follow, group);
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
        return readAttributes().owner();
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
        attributes.setOwner(path, follow, owner);
    }
}
