-- Shipments as the carrier records them, and electronic bills of lading with their single holder.
CREATE TABLE shipment (
    id          VARCHAR(32)              PRIMARY KEY,
    carrier     VARCHAR(64)              NOT NULL,
    shipper     VARCHAR(64)              NOT NULL,
    status      VARCHAR(20)              NOT NULL,
    version     INT                      NOT NULL,
    state_ref   VARCHAR(80)              NOT NULL,
    state_json  VARCHAR                  NOT NULL,
    ebl_number  VARCHAR(40),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shipment_shipper ON shipment (shipper);

-- every state an eBL has had (the holder of each), so a presentation can name the one it holds
CREATE TABLE ebl_state (
    state_ref   VARCHAR(80)              PRIMARY KEY,
    number      VARCHAR(40)              NOT NULL,
    holder      VARCHAR(64)              NOT NULL,
    state_json  VARCHAR                  NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ebl_state_number ON ebl_state (number);
