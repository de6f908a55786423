package io.tradenet.contract.party;

public class UnknownPartyException extends RuntimeException {
    public UnknownPartyException(String name) {
        super("unknown party: " + name);
    }
}
