package io.reactls.examples.cli;

import io.reactls.TlsAlertException;

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
