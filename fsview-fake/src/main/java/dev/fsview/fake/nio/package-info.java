/**
 * A fake view as a {@link java.nio.file.FileSystem}: the JDK's Unix provider logic (open options,
 * attribute views, copy and move, directory streams, real paths) over the fake's system calls, so
 * that every result and every exception is what the JDK gives on Linux.
 */
package dev.fsview.fake.nio;
