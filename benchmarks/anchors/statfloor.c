/*
 * The floor of a contained stat on this machine, with no JVM in the way (issue 11): a view must
 * resolve every path afresh from its root fd, because the container renames and swaps links
 * between calls, and the kernel has no stat that stays inside a root by itself. So its least work
 * per stat is openat2(RESOLVE_IN_ROOT) + statx(AT_EMPTY_PATH) + close, where the host needs one
 * stat by path. Prints, for the root given as the only argument:
 *   statfloor syscall_ns=N host_stat_ns=N contained_stat_ns=N
 * syscall_ns is getppid: what any system call costs here (on a VM with the speculative-execution
 * mitigations on, often over a microsecond). A kernel without openat2 prints contained_stat_ns=n/a.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 20000L
#define CALLS 200000L

static const char *const FILE_IN_ROOT = "/etc/hostname";

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int syscall_once(int root, const char *host_path) {
    (void) root;
    (void) host_path;
    return (int) getppid() > 0 ? 0 : -1;
}

static int host_stat(int root, const char *host_path) {
    struct statx sx;
    (void) root;
    return statx(AT_FDCWD, host_path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx);
}

static int contained_stat(int root, const char *host_path) {
    struct open_how how = {
        .flags = O_PATH | O_CLOEXEC | O_NOFOLLOW,
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    struct statx sx;
    (void) host_path;
    int fd = (int) syscall(SYS_openat2, root, FILE_IN_ROOT, &how, sizeof how);
    if (fd < 0) {
        return -1;
    }
    int r = statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx);
    close(fd);
    return r;
}

/* Mean ns per call after a warm-up; -1 if a call failed. */
static long measure(int (*op)(int, const char *), int root, const char *host_path) {
    for (long i = 0; i < WARMUP; i++) {
        if (op(root, host_path) != 0) {
            return -1;
        }
    }
    long start = now_ns();
    for (long i = 0; i < CALLS; i++) {
        op(root, host_path);
    }
    return (now_ns() - start) / CALLS;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: statfloor ROOT (a directory holding etc/hostname)\n");
        return 2;
    }
    char host_path[4096];
    snprintf(host_path, sizeof host_path, "%s%s", argv[1], FILE_IN_ROOT);
    int root = open(argv[1], O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        perror(argv[1]);
        return 1;
    }
    long host = measure(host_stat, root, host_path);
    if (host < 0) {
        perror(host_path);
        return 1;
    }
    long contained = measure(contained_stat, root, host_path);
    long any = measure(syscall_once, root, host_path);
    printf("statfloor syscall_ns=%ld host_stat_ns=%ld contained_stat_ns=", any, host);
    if (contained < 0) {
        printf("n/a\n");
    } else {
        printf("%ld\n", contained);
    }
    close(root);
    return 0;
}
