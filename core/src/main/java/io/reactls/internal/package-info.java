/**
 * What reactls's own modules share beyond the API and nobody else may use: the way between the public configs and
 * their engine configuration, both directions ({@link io.reactls.internal.PublicConfigs}), and the runner of an
 * engine's pending operations on the asynchronous hooks ({@link io.reactls.internal.PendingOperations}). Exported to
 * the client and server modules only.
 */
package io.reactls.internal;
