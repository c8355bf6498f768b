/*
 * fsview's test process: a "container" the kit makes with nothing but the kernel.
 *
 *   agent ROOT VOLUME
 *
 * Enters a mount namespace of its own (nothing propagates to the host), mounts a private tmpfs on
 * ROOT/tmp and binds VOLUME onto ROOT/data, chroots to ROOT, writes /tmp/hello, prints
 * "ready PID" and then, until stdin closes (or it is killed), answers every non-empty /tmp/ping it
 * finds with /tmp/pong holding "pong:" and what ping held, and every /data/ping with /data/pong.
 * It dies with its parent (PR_SET_PDEATHSIG), so a crashed test leaves no process behind; its
 * mounts die with its namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what) {
    fprintf(stderr, "agent: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void answer(const char *ping, const char *pong, const char *tmp) {
    char buf[4096];
    int fd = open(ping, O_RDONLY | O_NOFOLLOW);
    if (fd < 0 || access(pong, F_OK) == 0) {
        if (fd >= 0) close(fd);
        return;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    /*
     * Empty: a ping being written (created, its bytes not in yet: a view's Files.writeString and
     * the CLI's cp both create, then write). Answer it at a later poll, once it holds something;
     * every test's ping does. Answering now made a flaky "pong:" with nothing after it.
     */
    if (n <= 0) return;
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
    if (out < 0) return;
    if (write(out, "pong:", 5) != 5 || write(out, buf, (size_t) n) != n) {
        close(out);
        return;
    }
    close(out);
    rename(tmp, pong);
}

int main(int argc, char **argv) {
    char path[4096];
    if (argc != 3) {
        fprintf(stderr, "usage: agent ROOT VOLUME\n");
        return 2;
    }
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl");
    if (getppid() == 1) return 3; /* the parent died before prctl */
    if (unshare(CLONE_NEWNS) != 0) die("unshare");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("make-rprivate");
    snprintf(path, sizeof path, "%s/tmp", argv[1]);
    if (mount("agent-tmp", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=4m") != 0)
        die("tmpfs");
    snprintf(path, sizeof path, "%s/data", argv[1]);
    if (mount(argv[2], path, NULL, MS_BIND, NULL) != 0) die("bind volume");
    if (chroot(argv[1]) != 0) die("chroot");
    if (chdir("/") != 0) die("chdir");
    int fd = open("/tmp/hello", O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) die("hello");
    char hello[64];
    int len = snprintf(hello, sizeof hello, "hello from %d", (int) getpid());
    if (write(fd, hello, (size_t) len) != len) die("write hello");
    close(fd);
    printf("ready %d\n", (int) getpid());
    fflush(stdout);
    for (;;) {
        struct pollfd in = {.fd = 0, .events = POLLIN};
        int r = poll(&in, 1, 20);
        if (r > 0) {
            char b[64];
            if (read(0, b, sizeof b) <= 0) return 0; /* stdin closed: the test is done */
        }
        answer("/tmp/ping", "/tmp/pong", "/tmp/.pong");
        answer("/data/ping", "/data/pong", "/data/.pong");
    }
}
