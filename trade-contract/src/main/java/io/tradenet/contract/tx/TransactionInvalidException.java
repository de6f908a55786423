package io.tradenet.contract.tx;

/** The transaction is malformed or not properly authorised: permanent, retrying cannot help. */
public class TransactionInvalidException extends RuntimeException {
    public TransactionInvalidException(String message) {
        super(message);
    }
}
