package io.reactls.examples.cli;

import io.reactls.TlsAlertException;

import io.reactls.KeyMaterialException;
import reactor.netty.ChannelBindException;

import java.net.ConnectException;

/** Turns an exception into the one line a user of the command line sees. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof TlsAlertException alert) {
            return "TLS failure: " + alert.getMessage();
        }
        if (t instanceof ConnectException) {
            return "cannot connect: " + t.getMessage();
        }
        if (t instanceof ChannelBindException bind) {
            String where = bind.localHost() + ":" + bind.localPort();
            Throwable cause = bind.getCause() == null ? bind : bind.getCause();
            // Netty's native transports report EADDRINUSE as "bind(..) failed with error(-98): Address already in use".
            return String.valueOf(cause.getMessage()).contains("already in use")
                    ? "cannot listen on " + where + ": the port is already in use"
                    : "cannot listen on " + where + ": " + cause.getMessage();
        }
        if (t instanceof KeyMaterialException && String.valueOf(t.getMessage()).endsWith("no password was given")) {
            return t.getMessage() + " (use --key-password or --key-password-file)";
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }

    /** Reactor wraps checked exceptions and block() wraps in RuntimeExceptions; the interesting one is inside. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getClass() == RuntimeException.class
                || t.getClass().getName().startsWith("reactor.core.Exceptions"))) {
            t = t.getCause();
        }
        return t;
    }
}
