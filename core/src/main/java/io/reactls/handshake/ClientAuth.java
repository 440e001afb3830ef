package io.reactls.handshake;

/** Whether a server asks for, or insists on, a client certificate. */
public enum ClientAuth { NONE, OPTIONAL, REQUIRE }
