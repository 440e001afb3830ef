package io.reactls;

/** Whether a server asks for, or insists on, a client certificate. */
public enum ClientAuthMode { NONE, OPTIONAL, REQUIRE }
