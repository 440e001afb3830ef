package io.reactls.jsse;

import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.List;

/**
 * Python's {@code http.server} wrapped in its {@code ssl} module (OpenSSL underneath): an HTTPS server of another stack
 * that answers GET with a Content-Length page naming the TLS version it negotiated. Stopped by PID on close.
 */
final class PythonHttpsServer implements AutoCloseable {

    private static final String SCRIPT = String.join("\n",
            "import http.server, ssl, sys",
            "class H(http.server.BaseHTTPRequestHandler):",
            "    protocol_version = 'HTTP/1.1'",
            "    def do_GET(self):",
            "        body = ('hello from python over ' + self.request.version() + '\\n').encode()",
            "        self.send_response(200)",
            "        self.send_header('Content-Type', 'text/plain')",
            "        self.send_header('Content-Length', str(len(body)))",
            "        self.end_headers()",
            "        self.wfile.write(body)",
            "    def log_message(self, *args):",
            "        pass",
            "srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)",
            "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)",
            "ctx.load_cert_chain(sys.argv[1], sys.argv[2])",
            "if sys.argv[3] == '1.2':",
            "    ctx.maximum_version = ssl.TLSVersion.TLSv1_2",
            "else:",
            "    ctx.minimum_version = ssl.TLSVersion.TLSv1_3",
            "srv.socket = ctx.wrap_socket(srv.socket, server_side=True)",
            "print('PORT', srv.server_address[1], flush=True)",
            "srv.serve_forever()");

    private final PeerProcess process;
    private final int port;

    private PythonHttpsServer(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves {@code leaf}'s chain over TLS {@code version} ("1.2" or "1.3") on 127.0.0.1. */
    static PythonHttpsServer start(TestPki.Leaf leaf, String version) {
        PeerProcess p = PeerProcess.start(List.of("python3", "-c", SCRIPT, leaf.chain().toString(), leaf.key().toString(), version));
        try {
            String out = p.stdout().awaitText("\n", Duration.ofSeconds(15));
            String line = out.lines().filter(l -> l.startsWith("PORT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("python did not start: " + p.describeOutput()));
            return new PythonHttpsServer(p, Integer.parseInt(line.substring(5).trim()));
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }
}
