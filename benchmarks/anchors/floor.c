/*
 * The floor of a call from one thread to another on this machine: a caller and a server hand a
 * token back and forth, either through one shared cache line that both sides poll ("spin"), or
 * through futex sleep and wake-up ("futex"). Prints `spin roundtrip_ns=N` and
 * `futex roundtrip_ns=N`: no cross-thread dispatch can be faster than these.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* 0: the caller's turn; 1: the server's turn. Alone on its cache line. */
static _Alignas(64) atomic_int turn;
static int use_futex;
static long rounds;

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Waits until the turn is no longer `mine_not`, spinning or sleeping. */
static void wait_while(int value) {
    while (atomic_load_explicit(&turn, memory_order_acquire) == value) {
        if (use_futex) {
            syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, value, NULL, NULL, 0);
        } else {
            __builtin_ia32_pause();
        }
    }
}

static void hand_over(int value) {
    atomic_store_explicit(&turn, value, memory_order_release);
    if (use_futex) {
        syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
}

static void *server(void *unused) {
    (void) unused;
    for (long i = 0; i < rounds; i++) {
        wait_while(0);
        hand_over(0);
    }
    return NULL;
}

static long measure(int futex, long n) {
    pthread_t t;
    use_futex = futex;
    rounds = n;
    atomic_store(&turn, 0);
    pthread_create(&t, NULL, server, NULL);
    long start = now_ns();
    for (long i = 0; i < n; i++) {
        hand_over(1);
        wait_while(1);
    }
    long elapsed = now_ns() - start;
    pthread_join(t, NULL);
    return elapsed / n;
}

int main(void) {
    printf("spin roundtrip_ns=%ld\n", measure(0, 2000000));
    printf("futex roundtrip_ns=%ld\n", measure(1, 200000));
    return 0;
}
