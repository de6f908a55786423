-- Credits as this service knows them: the current (unconsumed) state of each, and its history.
CREATE TABLE credit (
    reference     VARCHAR(16)              PRIMARY KEY,
    status        VARCHAR(20)              NOT NULL,
    version       INT                      NOT NULL,
    state_ref     VARCHAR(80),
    tx_id         CHAR(64),
    issuing_bank  VARCHAR(64)              NOT NULL,
    applicant     VARCHAR(64)              NOT NULL,
    beneficiary   VARCHAR(64)              NOT NULL,
    advising_bank VARCHAR(64),
    state_json    VARCHAR                  NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX credit_applicant ON credit (applicant);
CREATE INDEX credit_beneficiary ON credit (beneficiary);
CREATE INDEX credit_issuing_bank ON credit (issuing_bank);
CREATE INDEX credit_advising_bank ON credit (advising_bank);

CREATE TABLE credit_history (
    reference   VARCHAR(16)              NOT NULL,
    version     INT                      NOT NULL,
    action      VARCHAR(40)              NOT NULL,
    status      VARCHAR(20)              NOT NULL,
    tx_id       CHAR(64)                 NOT NULL,
    state_ref   VARCHAR(80),
    signer      VARCHAR(64)              NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (reference, version)
);

-- transitions sent to the notary and not yet answered; the recovery job re-sends them (idempotent)
CREATE TABLE pending_transition (
    tx_id        CHAR(64)                 PRIMARY KEY,
    reference    VARCHAR(16)              NOT NULL,
    action       VARCHAR(40)              NOT NULL,
    request_json VARCHAR                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- every instruction acted on, so a replayed one is refused
CREATE TABLE processed_instruction (
    id          VARCHAR(64)              PRIMARY KEY,
    signer      VARCHAR(64)              NOT NULL,
    action      VARCHAR(40)              NOT NULL,
    tx_id       CHAR(64)                 NOT NULL,
    reference   VARCHAR(16),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
