package io.reactls.examples.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.TlsSession;
import io.reactls.netty.SecureConnection;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code reactls server --www}: answers every HTTP request head with a text page about the TLS session. */
final class StatusPage {

    /** The blank line that ends a request head: CRLF CRLF, or bare LF LF as openssl s_server -www accepts too. */
    private static final Pattern HEAD_END = Pattern.compile("\r?\n\r?\n");

    private StatusPage() {
    }

    /** Serves requests until the client closes; after a request that asks to close, sends close_notify and closes. */
    static Mono<Void> serve(SecureConnection connection) {
        StringBuilder pending = new StringBuilder();
        // asString copies each buffer as it arrives: reactor-netty releases it right after.
        return connection.inbound().receive().asString(StandardCharsets.ISO_8859_1).concatMap(text -> {
            pending.append(text);
            Mono<Void> responses = Mono.empty();
            Matcher end;
            while ((end = HEAD_END.matcher(pending)).find()) {
                String head = pending.substring(0, end.start());
                pending.delete(0, end.end());
                boolean close = wantsClose(head);
                ByteBuf response = response(head, connection.session(), close);
                responses = responses.then(connection.outbound().send(Mono.just(response)).then());
                if (close) {
                    return responses.then(connection.close());
                }
            }
            return responses;
        }).then();
    }

    static boolean wantsClose(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        String requestLine = lower.lines().findFirst().orElse("");
        return lower.contains("\nconnection: close") || (requestLine.endsWith("http/1.0") && !lower.contains("\nconnection: keep-alive"));
    }

    private static ByteBuf response(String head, TlsSession session, boolean close) {
        String requestLine = head.lines().findFirst().orElse("");
        String body = "reactls server\n"
                + "request:       " + requestLine + "\n"
                + "protocol:      " + session.protocol() + "\n"
                + "cipher suite:  " + session.cipherSuite() + "\n"
                + "key exchange:  " + (session.group() == null ? "RSA" : "ECDHE " + session.group().rfcName()) + "\n"
                + "ext. master:   " + (session.extendedMasterSecret() ? "yes" : "no") + "\n"
                + "ALPN:          " + (session.applicationProtocol() == null ? "-" : session.applicationProtocol()) + "\n"
                + "SNI:           " + (session.serverName() == null ? "-" : session.serverName()) + "\n"
                + "client cert:   " + (session.peerCertificates().isEmpty() ? "-"
                        : session.peerCertificates().get(0).getSubjectX500Principal().getName()) + "\n";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String status = requestLine.startsWith("GET ") || requestLine.startsWith("HEAD ")
                ? "200 OK" : "405 Method Not Allowed";
        String response = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        byte[] headBytes = response.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer(headBytes.length + bodyBytes.length).writeBytes(headBytes);
        return requestLine.startsWith("HEAD ") ? out : out.writeBytes(bodyBytes);
    }
}
