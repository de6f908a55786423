package io.tradenet.contract.notary;

public class InvalidNotarySignatureException extends RuntimeException {
    public InvalidNotarySignatureException(String message) {
        super(message);
    }
}
