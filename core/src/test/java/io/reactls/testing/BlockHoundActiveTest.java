package io.reactls.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** BlockHound is installed for every test, and our integration narrows it only for Netty's allocator. */
class BlockHoundActiveTest {

    @Test
    void parkingOnANonBlockingThreadIsReported() {
        // A generous timeout so the call really parks (with 1 ms a slow thread may find the deadline already
        // past and return without parking); BlockHound throws at the park, so nothing waits when it works.
        Mono<Boolean> blocking = Mono.fromCallable(() -> new CountDownLatch(1).await(10, TimeUnit.SECONDS))
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(blocking).expectError(BlockingOperationError.class).verify();
    }
}
