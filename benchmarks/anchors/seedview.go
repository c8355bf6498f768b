// The Go anchor: the design fsview replaces (moby's containerFSView), written again on Go's
// standard library alone. One goroutine locks itself to an OS thread, unshares a private mount
// namespace (and fs attributes), bind-mounts its volumes, pivots into the container root, and
// then runs the functions it is sent through an unbuffered channel, answering on another one.
//
// Prints three figures, `go <figure> key=value ...`, which benchmarks/run.sh compares fsview with:
// the dispatch round trip of an empty function, an lstat through the view, and opening plus
// closing a view with its read-only bind mounts.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"
	"time"
)

// request is one function for the view thread and where its error goes.
type request struct {
	fn    func() error
	reply chan error
}

type seedView struct {
	requests chan request
	stopped  chan struct{}
}

// openView starts the view's thread and returns once its mounts and root are in place.
func openView(root string, roVolumes map[string]string) (*seedView, error) {
	v := &seedView{requests: make(chan request), stopped: make(chan struct{})}
	ready := make(chan error)
	go func() {
		// Never unlocked: when the goroutine returns, Go ends the thread and the namespace goes.
		runtime.LockOSThread()
		if err := enter(root, roVolumes); err != nil {
			ready <- err
			return
		}
		ready <- nil
		defer close(v.stopped)
		for r := range v.requests {
			r.reply <- r.fn()
		}
	}()
	if err := <-ready; err != nil {
		return nil, err
	}
	return v, nil
}

// enter runs on the locked thread: a private namespace, the volumes, then the root switch.
func enter(root string, roVolumes map[string]string) error {
	if err := syscall.Unshare(syscall.CLONE_NEWNS | syscall.CLONE_FS); err != nil {
		return fmt.Errorf("unshare: %w", err)
	}
	// Keep the host's mount events one way: nothing made here propagates back.
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_SLAVE, ""); err != nil {
		return fmt.Errorf("rslave /: %w", err)
	}
	for dest, src := range roVolumes {
		target := filepath.Join(root, dest)
		if err := os.MkdirAll(target, 0o755); err != nil {
			return err
		}
		if err := syscall.Mount(src, target, "", syscall.MS_BIND|syscall.MS_REC, ""); err != nil {
			return fmt.Errorf("bind %s: %w", src, err)
		}
		if err := syscall.Mount("", target, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			return fmt.Errorf("read-only %s: %w", target, err)
		}
		if err := syscall.Mount("", target, "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
			return err
		}
	}
	// The root must be a mount point for pivot_root; stack the old root under the new one and
	// detach it, as runc does.
	if err := syscall.Mount(root, root, "", syscall.MS_BIND|syscall.MS_REC, ""); err != nil {
		return err
	}
	if err := syscall.Chdir(root); err != nil {
		return err
	}
	if err := syscall.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := syscall.Unmount(".", syscall.MNT_DETACH); err != nil {
		return fmt.Errorf("detach the old root: %w", err)
	}
	return syscall.Chdir("/")
}

// call hands fn to the view thread and waits for its answer (RunInFS in moby).
func (v *seedView) call(fn func() error) error {
	reply := make(chan error)
	v.requests <- request{fn: fn, reply: reply}
	return <-reply
}

func (v *seedView) close() {
	close(v.requests)
	<-v.stopped
}

func quantile(sorted []time.Duration, q float64) time.Duration {
	return sorted[int(float64(len(sorted)-1)*q)]
}

func main() {
	root := flag.String("root", "", "the container root (a directory)")
	volume := flag.String("volume", "", "a host directory bound read-only at /data")
	calls := flag.Int("calls", 200000, "timed dispatch round trips")
	opens := flag.Int("opens", 200, "timed open+close cycles")
	flag.Parse()
	if *root == "" {
		fmt.Fprintln(os.Stderr, "usage: seedview -root DIR [-volume DIR] [-calls N] [-opens N]")
		os.Exit(2)
	}
	volumes := map[string]string{}
	if *volume != "" {
		volumes["/data"] = *volume
	}
	v, err := openView(*root, volumes)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(1)
	}
	nothing := func() error { return nil }
	for i := 0; i < *calls/10; i++ { // warm-up
		v.call(nothing)
	}
	start := time.Now()
	for i := 0; i < *calls; i++ {
		v.call(nothing)
	}
	mean := time.Since(start) / time.Duration(*calls)
	samples := make([]time.Duration, *calls/4)
	for i := range samples {
		t := time.Now()
		v.call(nothing)
		samples[i] = time.Since(t)
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	fmt.Printf("go dispatch_roundtrip mean_ns=%d p50_ns=%d p99_ns=%d\n",
		mean.Nanoseconds(), quantile(samples, 0.5).Nanoseconds(), quantile(samples, 0.99).Nanoseconds())

	var st syscall.Stat_t
	lstat := func() error { return syscall.Lstat("/etc/hostname", &st) }
	if err := v.call(lstat); err != nil {
		fmt.Fprintln(os.Stderr, "lstat /etc/hostname in the view:", err)
		os.Exit(1)
	}
	stats := *calls / 4
	start = time.Now()
	for i := 0; i < stats; i++ {
		v.call(lstat)
	}
	fmt.Printf("go stat_via_view mean_ns=%d\n", (time.Since(start) / time.Duration(stats)).Nanoseconds())
	v.close()

	start = time.Now()
	for i := 0; i < *opens; i++ {
		w, err := openView(*root, volumes)
		if err != nil {
			fmt.Fprintln(os.Stderr, "open:", err)
			os.Exit(1)
		}
		w.close()
	}
	fmt.Printf("go open_close_view mean_us=%d mounts=%d\n",
		(time.Since(start) / time.Duration(*opens)).Microseconds(), len(volumes))
}
