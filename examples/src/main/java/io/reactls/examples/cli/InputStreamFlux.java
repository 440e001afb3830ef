package io.reactls.examples.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An InputStream (stdin) as a Flux of buffers; the blocking reads run on a bounded-elastic thread. */
final class InputStreamFlux {

    private static final int CHUNK = 16 * 1024;

    private InputStreamFlux() {
    }

    static Flux<ByteBuf> of(InputStream in) {
        return Flux.<ByteBuf>generate(sink -> {
            byte[] chunk = new byte[CHUNK];
            try {
                int n = in.read(chunk);
                if (n < 0) {
                    sink.complete();
                } else {
                    sink.next(Unpooled.wrappedBuffer(chunk, 0, n));
                }
            } catch (IOException e) {
                sink.error(new UncheckedIOException("reading stdin", e));
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
