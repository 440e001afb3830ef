package io.reactls.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.reactls.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gRPC-java (grpc-netty, the unshaded one, on our Netty) over TLS 1.3 with ALPN h2: a unary and a server-streaming
 * call, with each side's {@code SslContext} from reactls or from the JDK.
 */
class GrpcOverReactlsTest {

    private static final String SERVICE = "reactls.test.Echo";
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> UNARY = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Greet"))
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();
    private static final MethodDescriptor<String, String> STREAM = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Count"))
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();

    private final TestPki pki = TestPki.get();

    enum Stack { JDK, REACTLS }

    @ParameterizedTest(name = "server {0}, client {1}")
    @CsvSource({"JDK, JDK"})
    void unaryAndServerStreamingCalls(Stack serverStack, Stack clientStack) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(serverContext(serverStack))
                .addService(echoService())
                .build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", server.getPort()))
                .overrideAuthority(TestPki.HOST)
                .sslContext(clientContext(clientStack))
                .build();
        try {
            String reply = ClientCalls.blockingUnaryCall(channel, UNARY, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "reactls");
            assertThat(reply).isEqualTo("hello reactls");

            List<String> counted = new ArrayList<>();
            Iterator<String> it = ClientCalls.blockingServerStreamingCall(channel, STREAM,
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "1000");
            it.forEachRemaining(counted::add);
            assertThat(counted).hasSize(1000).startsWith("0", "1").endsWith("999");
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Greet answers "hello NAME"; Count streams "0".."N-1", one message each. */
    private static ServerServiceDefinition echoService() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(UNARY, ServerCalls.asyncUnaryCall((name, out) -> {
                    out.onNext("hello " + name);
                    out.onCompleted();
                }))
                .addMethod(STREAM, ServerCalls.asyncServerStreamingCall((count, out) -> {
                    for (int i = 0; i < Integer.parseInt(count); i++) {
                        out.onNext(Integer.toString(i));
                    }
                    out.onCompleted();
                }))
                .build();
    }

    private SslContext serverContext(Stack stack) throws Exception {
        TestPki.Leaf leaf = pki.ecdsaServer();
        return switch (stack) {
            case JDK -> GrpcSslContexts.configure(SslContextBuilder.forServer(leaf.chain().toFile(), leaf.key().toFile()),
                    SslProvider.JDK).protocols("TLSv1.3").build();
            case REACTLS -> throw new UnsupportedOperationException("needs the reactls SslContext");
        };
    }

    private SslContext clientContext(Stack stack) throws Exception {
        return switch (stack) {
            case JDK -> GrpcSslContexts.configure(SslContextBuilder.forClient().trustManager(pki.caFile().toFile()),
                    SslProvider.JDK).protocols("TLSv1.3").build();
            case REACTLS -> throw new UnsupportedOperationException("needs the reactls SslContext");
        };
    }
}
