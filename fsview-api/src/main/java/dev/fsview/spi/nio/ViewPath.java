package dev.fsview.spi.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path of a view: a Unix path string, with the JDK's Unix path rules (redundant and trailing
 * slashes dropped, NUL refused, {@code ..} kept until {@link #normalize()}), so that path
 * arithmetic gives the same answers in a view as on the host. Pure string work: nothing here touches
 * a file system.
 */
public final class ViewPath implements Path {
    private static final String[] NO_NAMES = new String[0];

    private final AbstractViewFileSystem fs;
    private final String path;
    private final String[] names;
    /** The backend's handle of the listing that named this path, or {@code null}. */
    private final Object listing;

    ViewPath(AbstractViewFileSystem fs, String input) {
        this.fs = fs;
        this.path = normalizeAndCheck(input);
        this.names = split(path);
        this.listing = null;
    }

    private ViewPath(AbstractViewFileSystem fs, String path, String[] names, Object listing) {
        this.fs = fs;
        this.path = path;
        this.names = names;
        this.listing = listing;
    }

    /**
     * Returns the path of an entry a directory listing gave, without parsing it again, carrying
     * the listing's handle so that the backend may read the entry's attributes relative to the
     * listed directory. The handle takes no part in equality, hashing or any path arithmetic:
     * paths derived from this one do not carry it.
     *
     * @param name one component as the listing gave it: not empty, no {@code /}, no NUL, neither
     *     {@code .} nor {@code ..}
     * @param handle the backend's handle of the listing
     * @return this path resolved against {@code name}
     * @throws IllegalArgumentException if {@code name} is not a single component
     */
    public ViewPath resolveEntry(String name, Object handle) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handle, "handle");
        if (name.isEmpty()
                || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0
                || name.equals(".")
                || name.equals("..")) {
            throw new IllegalArgumentException("not a directory entry: '" + name + "'");
        }
        if (path.isEmpty()) {
            return new ViewPath(fs, name, new String[] {name}, handle);
        }
        String[] more = Arrays.copyOf(names, names.length + 1);
        more[names.length] = name;
        return new ViewPath(fs, path.equals("/") ? "/" + name : path + "/" + name, more, handle);
    }

    /**
     * Returns the handle of the listing that gave this path ({@link #resolveEntry}).
     *
     * @return the handle, or {@code null} for a path made any other way
     */
    public Object listing() {
        return listing;
    }

    private static String normalizeAndCheck(String input) {
        if (isNormal(input)) {
            return input; // the common case: nothing to drop, so no copy
        }
        StringBuilder b = new StringBuilder(input.length());
        char prev = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '\0') {
                throw new InvalidPathException(input, "Nul character not allowed");
            }
            if (c == '/' && prev == '/') {
                continue;
            }
            b.append(c);
            prev = c;
        }
        if (b.length() > 1 && b.charAt(b.length() - 1) == '/') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /** Whether a path has no NUL, no repeated slash and no trailing slash (but {@code "/"}). */
    private static boolean isNormal(String input) {
        int n = input.length();
        char prev = 0;
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (c == '\0' || (c == '/' && prev == '/')) {
                return false;
            }
            prev = c;
        }
        return n <= 1 || prev != '/';
    }

    /** The names of a normalized path: no name is empty, as no slash repeats or trails. */
    private static String[] split(String path) {
        if (path.isEmpty()) {
            return new String[] {""};
        }
        if (path.equals("/")) {
            return NO_NAMES;
        }
        int start = path.charAt(0) == '/' ? 1 : 0;
        int count = 1;
        for (int i = start; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        String[] names = new String[count];
        for (int k = 0; k < count; k++) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            names[k] = path.substring(start, end);
            start = end + 1;
        }
        return names;
    }

    private ViewPath of(String p) {
        return new ViewPath(fs, p);
    }

    private ViewPath ofNames(boolean absolute, List<String> parts) {
        String joined = String.join("/", parts);
        return of(absolute ? "/" + joined : joined);
    }

    @Override
    public FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return path.startsWith("/");
    }

    /**
     * Returns whether this is the empty path {@code ""}.
     *
     * @return {@code true} for the empty path
     */
    public boolean isEmpty() {
        return path.isEmpty();
    }

    @Override
    public Path getRoot() {
        return isAbsolute() ? fs.rootDirectory() : null;
    }

    @Override
    public Path getFileName() {
        if (path.isEmpty()) {
            return this;
        }
        if (names.length == 0) {
            return null;
        }
        if (names.length == 1 && !isAbsolute()) {
            return this;
        }
        return of(names[names.length - 1]);
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !isAbsolute())) {
            return null;
        }
        if (names.length == 1) {
            return fs.rootDirectory();
        }
        return ofNames(isAbsolute(), Arrays.asList(names).subList(0, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        if (index < 0 || index >= names.length) {
            throw new IllegalArgumentException();
        }
        return of(names[index]);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0
                || beginIndex >= names.length
                || endIndex > names.length
                || beginIndex >= endIndex) {
            throw new IllegalArgumentException();
        }
        return ofNames(false, Arrays.asList(names).subList(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof ViewPath) || other.getFileSystem() != fs) {
            return false;
        }
        ViewPath that = (ViewPath) other;
        if (that.isAbsolute() != isAbsolute()) {
            return false;
        }
        if (that.isEmpty()) {
            return isEmpty();
        }
        if (that.names.length > names.length) {
            return false;
        }
        for (int i = 0; i < that.names.length; i++) {
            if (!that.names[i].equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof ViewPath) || other.getFileSystem() != fs) {
            return false;
        }
        ViewPath that = (ViewPath) other;
        if (that.isAbsolute()) {
            return that.path.equals(path);
        }
        if (that.isEmpty()) {
            return isEmpty();
        }
        if (that.names.length > names.length || (isEmpty())) {
            return false;
        }
        int offset = names.length - that.names.length;
        for (int i = 0; i < that.names.length; i++) {
            if (!that.names[i].equals(names[offset + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        boolean absolute = isAbsolute();
        boolean changed = false;
        for (String n : names) {
            if (n.equals(".")) {
                changed = true;
            } else if (n.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    changed = true;
                } else if (absolute) {
                    changed = true; // "/.." is "/"
                } else {
                    out.add(n);
                }
            } else {
                out.add(n);
            }
        }
        return changed ? ofNames(absolute, out) : this;
    }

    @Override
    public Path resolve(Path other) {
        ViewPath that = fs.check(other);
        if (that.isAbsolute()) {
            return that;
        }
        if (that.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return that;
        }
        // both are normalized and that one is relative and not empty: so is the joined path, and
        // its names are this one's followed by that one's
        String[] joined = Arrays.copyOf(names, names.length + that.names.length);
        System.arraycopy(that.names, 0, joined, names.length, that.names.length);
        return new ViewPath(
                fs, path.equals("/") ? "/" + that.path : path + "/" + that.path, joined, null);
    }

    @Override
    public Path relativize(Path other) {
        ViewPath that = fs.check(other);
        if (that.isAbsolute() != isAbsolute()) {
            throw new IllegalArgumentException("'other' is different type of Path");
        }
        if (that.path.equals(path)) {
            return of("");
        }
        if (isEmpty()) {
            return that;
        }
        String[] mine = path.equals("/") ? NO_NAMES : names;
        String[] theirs = that.path.equals("/") || that.isEmpty() ? NO_NAMES : that.names;
        int common = 0;
        while (common < mine.length
                && common < theirs.length
                && mine[common].equals(theirs[common])) {
            common++;
        }
        List<String> parts = new ArrayList<>();
        for (int i = common; i < mine.length; i++) {
            parts.add("..");
        }
        parts.addAll(Arrays.asList(theirs).subList(common, theirs.length));
        return ofNames(false, parts);
    }

    @Override
    public URI toUri() {
        return fs.toUri((ViewPath) toAbsolutePath());
    }

    @Override
    public Path toAbsolutePath() {
        if (isAbsolute()) {
            return this;
        }
        return fs.getPath(fs.currentDirectory()).resolve(this);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return fs.toRealPath(this, options);
    }

    @Override
    public WatchKey register(
            WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(modifiers, "modifiers");
        throw new ProviderMismatchException("views do not support watch services");
    }

    @Override
    public int compareTo(Path other) {
        byte[] a = path.getBytes(StandardCharsets.UTF_8);
        byte[] b = ((ViewPath) other).path.getBytes(StandardCharsets.UTF_8);
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViewPath && ((ViewPath) o).fs == fs && ((ViewPath) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
