package io.reactls;

/** Key material (a PEM file, a PKCS#12 store, a generated certificate) could not be read, written or made. */
public final class KeyMaterialException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
