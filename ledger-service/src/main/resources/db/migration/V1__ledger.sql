-- The ledger: an append-only log whose entries are the leaves of an RFC 9162 Merkle tree.

CREATE TABLE ledger_entry (
    idx           BIGINT                   PRIMARY KEY,
    tx_id         CHAR(64)                 NOT NULL,
    leaf_hash     BYTEA                    NOT NULL,
    previous_hash BYTEA                    NOT NULL,
    -- the canonical document exactly as hashed into the leaf
    leaf_data     VARCHAR                  NOT NULL,
    appended_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ledger_entry_tx ON ledger_entry (tx_id);

-- roots of complete subtrees above the leaves (level >= 1), so proofs read O(log n) rows
CREATE TABLE merkle_node (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- every signed checkpoint; one tree size has one root, forever
CREATE TABLE checkpoint (
    tree_size BIGINT                   PRIMARY KEY,
    root_hash BYTEA                    NOT NULL,
    note      VARCHAR                  NOT NULL,
    signed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- who may see what: the participants of every state the ledger has seen created, and each entry's parties
CREATE TABLE ledger_state (
    state_ref VARCHAR(80) PRIMARY KEY,
    parties   VARCHAR     NOT NULL
);
CREATE TABLE entry_party (
    party VARCHAR(64) NOT NULL,
    idx   BIGINT      NOT NULL,
    PRIMARY KEY (party, idx)
);
