-- The notary's durable commit log. All commits of all notary members take the lock on the single
-- notary_clock row, so batches are committed one after another in a total order; consumed_state's
-- primary key is a second, independent guard against consuming a state twice.

CREATE TABLE notary_clock (
    id            INT    PRIMARY KEY,
    next_sequence BIGINT NOT NULL,
    next_batch    BIGINT NOT NULL
);
INSERT INTO notary_clock (id, next_sequence, next_batch) VALUES (1, 0, 0);

CREATE TABLE notary_batch (
    id           BIGINT                   PRIMARY KEY,
    member       VARCHAR(128)             NOT NULL,
    committed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    size         INT                      NOT NULL,
    published    BOOLEAN                  NOT NULL
);
CREATE INDEX notary_batch_unpublished ON notary_batch (published, committed_at);

-- every answer the notary gave, keyed by transaction id, replayed on retry
CREATE TABLE notarisation (
    tx_id             CHAR(64)                 PRIMARY KEY,
    outcome           VARCHAR(32)              NOT NULL,
    outcome_json      VARCHAR                  NOT NULL,
    requester         VARCHAR(64)              NOT NULL,
    request_signature VARCHAR(128),
    transaction_json  VARCHAR,
    sequence          BIGINT,
    batch_id          BIGINT                   NOT NULL,
    decided_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX notarisation_sequence ON notarisation (sequence);
CREATE INDEX notarisation_batch ON notarisation (batch_id);

CREATE TABLE consumed_state (
    state_ref VARCHAR(80) PRIMARY KEY,
    tx_id     CHAR(64)    NOT NULL,
    sequence  BIGINT      NOT NULL
);

-- requests refused because the requester's signature did not hold: keyed by (transaction, requester),
-- so a forged request cannot spoil the transaction for its real requester
CREATE TABLE rejected_request (
    tx_id        CHAR(64)                 NOT NULL,
    requester    VARCHAR(64)              NOT NULL,
    outcome_json VARCHAR                  NOT NULL,
    decided_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tx_id, requester)
);

-- the benchmark baseline: a plain uniqueness table, one database transaction per request
CREATE TABLE baseline_consumed_state (
    state_ref VARCHAR(80) PRIMARY KEY,
    tx_id     CHAR(64)    NOT NULL
);
