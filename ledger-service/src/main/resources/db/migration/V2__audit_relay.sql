-- How far the ledger-audit Kafka topic is known to hold the log: the relay republishes from here
-- after a restart (at most one unacknowledged batch again; subscribers drop repeats by index).
CREATE TABLE audit_relay (
    id                INT    PRIMARY KEY,
    published_through BIGINT NOT NULL
);
INSERT INTO audit_relay (id, published_through) VALUES (1, 0);
