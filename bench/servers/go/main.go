// A Go server for the benchmark's "Rust or Go?" section: the same two services as the solutions
// of grpc-unary (WordStats, unary) and grpc-stream (Countdown, server streaming), from the same
// .proto files, written with grpc-go.
//
// It keeps the contract of the chapter 4 tests (book/ch4-grpc/other-servers.md): it binds the
// address given as its first argument, or 127.0.0.1:0, prints `listening on ADDRESS` as its
// first line, and serves until it is terminated. So the exercises' Python tests can grade it
// too. bench/oxbench/servers.py builds it (see build_go there) and starts it with
// GOMAXPROCS set, the same limit the Rust server gets as TOKIO_WORKER_THREADS.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"google.golang.org/grpc"

	"oxbench/countdown"
	"oxbench/wordstats"
)

// wordStats answers WordStats.Count. Embedding the generated Unimplemented type is what
// protoc-gen-go-grpc asks for: a method added to the .proto later answers UNIMPLEMENTED.
type wordStats struct {
	wordstats.UnimplementedWordStatsServer
}

func (wordStats) Count(ctx context.Context, req *wordstats.CountRequest) (*wordstats.CountReply, error) {
	if req.DelayMs > 0 {
		select {
		case <-time.After(time.Duration(req.DelayMs) * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	text := req.Text
	return &wordstats.CountReply{
		Lines: lineCount(text),
		Words: wordCount(text),
		Chars: uint64(utf8.RuneCountInString(text)),
	}, nil
}

// wordCount counts runs of non-whitespace, as Rust's split_whitespace does, in one pass and
// without allocating (len(strings.Fields(text)) would build a slice of every word first).
func wordCount(text string) uint64 {
	var words uint64
	inWord := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			words++
		}
	}
	return words
}

// lineCount counts lines as Rust's str::lines does: a final newline does not start a new line.
func lineCount(text string) uint64 {
	n := uint64(strings.Count(text, "\n"))
	if text != "" && !strings.HasSuffix(text, "\n") {
		n++
	}
	return n
}

// countdownService answers Countdown.Count: start, start-1, ..., 0, one message each.
type countdownService struct {
	countdown.UnimplementedCountdownServer
}

func (countdownService) Count(req *countdown.CountRequest, stream countdown.Countdown_CountServer) error {
	interval := time.Duration(req.IntervalMs) * time.Millisecond
	for remaining := int64(req.Start); remaining >= 0; remaining-- {
		if remaining != int64(req.Start) && interval > 0 {
			select {
			case <-time.After(interval):
			case <-stream.Context().Done(): // the client hung up or its deadline passed
				return stream.Context().Err()
			}
		}
		if err := stream.Send(&countdown.Tick{Remaining: uint32(remaining)}); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	addr := "127.0.0.1:0"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	} else if env := os.Getenv("OXIDIZE_ADDR"); env != "" {
		addr = env
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	// Go's TCP connections have TCP_NODELAY on by default: no Nagle delay to switch off.
	server := grpc.NewServer()
	wordstats.RegisterWordStatsServer(server, wordStats{})
	countdown.RegisterCountdownServer(server, countdownService{})
	fmt.Printf("listening on %s\n", listener.Addr())
	os.Stdout.Sync()
	if err := server.Serve(listener); err != nil {
		log.Fatal(err)
	}
}
