// Command ferretdb serves a MongoDB-compatible wire protocol on top of SQLite files, so the
// document-store e2e suites have a Mongo endpoint on machines without Docker or a MongoDB package.
//
// FerretDB's own cmd/ferretdb expects generated build files that `go install` does not produce;
// its embedding package does not, so this wrapper is the supported way to build it from the module.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	dataDir := flag.String("data-dir", "data", "directory holding one SQLite file per database")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		fail("bad -data-dir: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("cannot create data dir: %v", err)
	}

	// The SQLite handler wants a directory URI that ends with a slash. A test engine need not survive a
	// power cut: with synchronous(normal) a WAL commit is not fsynced, and SQLite's single writer no longer
	// waits on the disk for every read-model write (as the test PostgreSQL runs with fsync=off).
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	// Embedded builds report "unknown"; the module version lets tests print which FerretDB they ran.
	version.Get().Version = ferretdbModuleVersion()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The start script waits for this line (and a real ping) before it reports the URL.
	fmt.Printf("ferretdb: FerretDB %s serving mongodb://%s/ from %s (pid %d)\n",
		version.Get().Version, *listen, dir, os.Getpid())
	if err := f.Run(ctx); err != nil {
		fail("FerretDB stopped: %v", err)
	}
	fmt.Println("ferretdb: stopped")
}

func ferretdbModuleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/FerretDB/FerretDB" {
				return dep.Version
			}
		}
	}
	return "unknown"
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
