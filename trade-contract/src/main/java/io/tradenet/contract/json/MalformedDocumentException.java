package io.tradenet.contract.json;

/** A document that cannot be parsed or bound to its wire type. Always a permanent, client-side error. */
public class MalformedDocumentException extends RuntimeException {
    public MalformedDocumentException(String message) {
        super(message);
    }
}
