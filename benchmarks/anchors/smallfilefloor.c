/*
 * The floor of NioOps.smallFileCreateWriteRead through a view, with no JVM in the way (issue 11):
 * create a 1 KiB file, write it, read it back, delete it, with the system calls the JDK makes on
 * the host, and with those a view makes, which resolves every path afresh from its root fd
 * (openat2 RESOLVE_IN_ROOT, the container renames and swaps links between calls) and hands the
 * JDK the object it found as /proc/self/fd/N (the JDK cannot adopt a raw fd). Both sequences
 * were read off strace of the JDK 17 and the view. Prints, for the root given as the only
 * argument:
 *   smallfilefloor host_ns=N contained_ns=N
 * A kernel without openat2 prints contained_ns=n/a.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 2000L
#define CALLS 20000L
#define ROUNDS 10
#define SIZE 1024

static char payload[SIZE];
static char back[SIZE + 1];

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* The JDK's read of a whole file: open, fstat for the size, read it, read to the end, close. */
static int read_back(int fd) {
    struct stat st;
    int ok = fstat(fd, &st) == 0 && read(fd, back, SIZE) == SIZE && read(fd, back, 1) == 0;
    close(fd);
    return ok ? 0 : -1;
}

/* Files.write(CREATE_NEW), Files.readAllBytes and Files.delete on the host, by path. */
static int host_cycle(int root, const char *host_path) {
    struct statx sx;
    (void) root;
    int fd = open(host_path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0 || write(fd, payload, SIZE) != SIZE) {
        return -1;
    }
    close(fd);
    if (read_back(open(host_path, O_RDONLY)) != 0) {
        return -1;
    }
    if (statx(AT_FDCWD, host_path, AT_SYMLINK_NOFOLLOW, STATX_ALL, &sx) != 0) {
        return -1;
    }
    return unlink(host_path);
}

static int lookup(int root, const char *path) {
    struct open_how how = {
        .flags = O_PATH | O_CLOEXEC | O_NOFOLLOW,
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    return (int) syscall(SYS_openat2, root, path, &how, sizeof how);
}

/* The same through a view: the parent or the file looked up in the root, reopened via procfs. */
static int contained_cycle(int root, const char *host_path) {
    char proc[64];
    struct statx sx;
    (void) host_path;
    int dir = lookup(root, "/");
    if (dir < 0) {
        return -1;
    }
    snprintf(proc, sizeof proc, "/proc/self/fd/%d/small", dir);
    int fd = open(proc, O_WRONLY | O_CREAT | O_EXCL, 0666);
    close(dir);
    if (fd < 0 || write(fd, payload, SIZE) != SIZE) {
        return -1;
    }
    close(fd);
    int obj = lookup(root, "/small");
    if (obj < 0) {
        return -1;
    }
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", obj);
    fd = open(proc, O_RDONLY);
    close(obj);
    if (read_back(fd) != 0) {
        return -1;
    }
    dir = lookup(root, "/");
    if (dir < 0) {
        return -1;
    }
    int r = statx(dir, "small", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0
            ? unlinkat(dir, "small", 0)
            : -1;
    close(dir);
    return r;
}

/* Mean ns per cycle over n cycles; -1 if a cycle failed. */
static long mean_ns(int (*cycle)(int, const char *), int root, const char *host_path, long n) {
    long start = now_ns();
    for (long i = 0; i < n; i++) {
        if (cycle(root, host_path) != 0) {
            return -1;
        }
    }
    return (now_ns() - start) / n;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *) a;
    long y = *(const long *) b;
    return (x > y) - (x < y);
}

/*
 * Medians over ROUNDS rounds that alternate which side goes first: ext4's cost of creating and
 * deleting a name drifts by 3-4x over a few seconds (journal commits, the inode just freed), and
 * a side measured in one block after the other would be judged on a different file system.
 */
static int measure(int root, const char *host_path, long *host, long *contained) {
    long h[ROUNDS];
    long c[ROUNDS];
    if (mean_ns(host_cycle, root, host_path, WARMUP) < 0
            || mean_ns(contained_cycle, root, host_path, WARMUP) < 0) {
        return -1;
    }
    for (int r = 0; r < ROUNDS; r++) {
        if (r % 2 == 0) {
            h[r] = mean_ns(host_cycle, root, host_path, CALLS / ROUNDS);
            c[r] = mean_ns(contained_cycle, root, host_path, CALLS / ROUNDS);
        } else {
            c[r] = mean_ns(contained_cycle, root, host_path, CALLS / ROUNDS);
            h[r] = mean_ns(host_cycle, root, host_path, CALLS / ROUNDS);
        }
        if (h[r] < 0 || c[r] < 0) {
            return -1;
        }
    }
    qsort(h, ROUNDS, sizeof h[0], by_value);
    qsort(c, ROUNDS, sizeof c[0], by_value);
    *host = h[ROUNDS / 2];
    *contained = c[ROUNDS / 2];
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: smallfilefloor ROOT (a writable directory)\n");
        return 2;
    }
    char host_path[4096];
    snprintf(host_path, sizeof host_path, "%s/small", argv[1]);
    int root = open(argv[1], O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        perror(argv[1]);
        return 1;
    }
    memset(payload, 'x', SIZE);
    /*
     * Dirty pages of whatever ran before (the Go anchor's build cache, a copy) are written back
     * while this runs otherwise, and ext4's creates and deletes then wait for the journal: 3-4x.
     */
    int sync_fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (sync_fd >= 0) {
        syncfs(sync_fd);
        close(sync_fd);
    }
    long host;
    long contained;
    if (host_cycle(root, host_path) != 0) {
        perror(host_path);
        return 1;
    }
    printf("smallfilefloor host_ns=");
    if (measure(root, host_path, &host, &contained) != 0) {
        /* The host side worked above, so the contained side most likely failed (no openat2). */
        unlink(host_path);
        long alone = mean_ns(host_cycle, root, host_path, CALLS / ROUNDS);
        printf("%ld contained_ns=n/a\n", alone);
    } else {
        printf("%ld contained_ns=%ld\n", host, contained);
    }
    unlink(host_path);
    close(root);
    return 0;
}
