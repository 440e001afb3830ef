package io.reactls.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.reactls.netty.context.ReactlsSslContextBuilder;
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
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gRPC-java (grpc-netty, the unshaded one, on our Netty) over TLS 1.3 and 1.2 with ALPN h2: a unary and a
 * server-streaming call, with each side's {@code SslContext} from reactls ({@link ReactlsSslContextBuilder}) or from
 * the JDK, and the session the server's calls see checked for its version and its engine.
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

    @ParameterizedTest(name = "server {0}, client {1}, {2}")
    @CsvSource({
            "REACTLS, REACTLS, TLSv1.3",
            "REACTLS, JDK,     TLSv1.3",
            "JDK,     REACTLS, TLSv1.3",
            "REACTLS, REACTLS, TLSv1.2",
            "REACTLS, JDK,     TLSv1.2",
            "JDK,     REACTLS, TLSv1.2",
            "JDK,     JDK,     TLSv1.3"}) // the control
    void unaryAndServerStreamingCalls(Stack serverStack, Stack clientStack, String protocol) throws Exception {
        AtomicReference<SSLSession> serverSession = new AtomicReference<>();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(serverContext(serverStack, protocol))
                .addService(ServerInterceptors.intercept(echoService(), recordSession(serverSession)))
                .build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", server.getPort()))
                .overrideAuthority(TestPki.HOST)
                .sslContext(clientContext(clientStack, protocol))
                .build();
        try {
            String reply = ClientCalls.blockingUnaryCall(channel, UNARY, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "reactls");
            assertThat(reply).isEqualTo("hello reactls");

            List<String> counted = new ArrayList<>();
            Iterator<String> it = ClientCalls.blockingServerStreamingCall(channel, STREAM,
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "1000");
            it.forEachRemaining(counted::add);
            assertThat(counted).hasSize(1000).startsWith("0", "1").endsWith("999");

            SSLSession session = serverSession.get();
            assertThat(session.getProtocol()).isEqualTo(protocol);
            assertThat(session.getClass().getName().startsWith("io.reactls.jsse."))
                    .as("the server's session is reactls's: " + session.getClass()).isEqualTo(serverStack == Stack.REACTLS);
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

    /** Keeps the TLS session each call arrived on, as gRPC exposes it to server code. */
    private static ServerInterceptor recordSession(AtomicReference<SSLSession> session) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                session.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                return next.startCall(call, headers);
            }
        };
    }

    /** gRPC needs ALPN h2; GrpcSslContexts sets it on Netty's builder, ours takes it directly. */
    private SslContext serverContext(Stack stack, String protocol) throws Exception {
        TestPki.Leaf leaf = pki.ecdsaServer();
        return switch (stack) {
            case JDK -> GrpcSslContexts.configure(SslContextBuilder.forServer(leaf.chain().toFile(), leaf.key().toFile()),
                    SslProvider.JDK).protocols(protocol).build();
            case REACTLS -> ReactlsSslContextBuilder.forServer(leaf.keyMaterial()).alpn("h2").protocols(protocol).build();
        };
    }

    private SslContext clientContext(Stack stack, String protocol) throws Exception {
        return switch (stack) {
            case JDK -> GrpcSslContexts.configure(SslContextBuilder.forClient().trustManager(pki.caFile().toFile()),
                    SslProvider.JDK).protocols(protocol).build();
            case REACTLS -> ReactlsSslContextBuilder.forClient().trustManager(pki.trustAnchors()).alpn("h2")
                    .protocols(protocol).build();
        };
    }
}
