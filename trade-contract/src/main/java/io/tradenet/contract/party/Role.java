package io.tradenet.contract.party;

/**
 * What a registered party may do in the network. Trade roles act on credits; the service roles
 * identify the three services' own keys. GATEWAY is the letter-of-credit service's key: it signs the
 * Kafka envelopes that service produces, never a party's instruction.
 */
public enum Role {
    BANK,
    APPLICANT,
    BENEFICIARY,
    CARRIER,
    REGULATOR,
    NOTARY,
    LEDGER,
    GATEWAY;

    public boolean isService() {
        return this == NOTARY || this == LEDGER || this == GATEWAY;
    }
}
