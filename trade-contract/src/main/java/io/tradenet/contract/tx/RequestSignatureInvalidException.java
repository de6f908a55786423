package io.tradenet.contract.tx;

/** The requester's signature over its request is missing, forged or does not cover the request. */
public class RequestSignatureInvalidException extends RuntimeException {
    public RequestSignatureInvalidException(String message) {
        super(message);
    }
}
