package io.reactls;

/** Key material (a PEM file, a PKCS#12 store, a generated certificate) could not be read, written or made. */
public final class KeyMaterialException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Key material that could not be used.
     *
     * @param message what and why, in plain words
     */
    public KeyMaterialException(String message) {
        super(message);
    }

    /**
     * Key material that could not be used because of {@code cause}.
     *
     * @param message what and why, in plain words
     * @param cause the underlying failure
     */
    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
